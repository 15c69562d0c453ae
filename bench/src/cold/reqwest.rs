//! Cold start of bare reqwest (the floor): `cold-reqwest URL` starts, builds a reqwest
//! client with an empty root store (nothing to load), POSTs the CreateToken body to the
//! server at URL, reads the body and exits (`cargo xtask bench` times the process).
#[path = "../bare.rs"]
mod bare;

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("usage: cold-reqwest URL");
    let response =
        bare::client().post(format!("{url}/token")).header("content-type", "application/json").body(bare::BODY).send().await.expect("POST");
    assert!(!response.bytes().await.expect("body").is_empty());
}
