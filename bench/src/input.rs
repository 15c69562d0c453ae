//! The CreateToken request every client benchmark sends: the same values for each client.

pub const CLIENT_ID: &str = "_yzkThXVzLWVhc3QtMQEXAMPLECLIENTID";
pub const CLIENT_SECRET: &str = "VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0";
pub const DEVICE_CODE: &str = "yJraWQiOiJrZXktMTU2Njk2ODA4OCIsImFsZyI6IkhTMzIn0EXAMPLEDEVICECODE";
pub const GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
