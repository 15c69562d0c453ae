//! The plan: what the emitters need to know about the service, computed from the model
//! once: the generated types and their Rust names ([`Ctx`]), each structure's members as
//! Rust sees them ([`StructSpec`], [`MemberInfo`]), each operation's names ([`OpNames`]),
//! model values as Rust expressions ([`ValueWriter`]), JMESPath compiled against the
//! model ([`jmespath`]), the imports of each file ([`Scope`]),
//! and the seam to the wire protocol ([`Protocol`]). Emitters read plans; they do not
//! look at protocol traits.

pub mod context;
pub mod document;
pub mod jmespath;
pub mod members;
pub mod operation;
pub mod protocol;
pub mod scope;
pub mod size;
pub mod structure;
pub mod values;
pub mod waiter;

pub use crate::tokens::uses_ident;
pub use context::{Ctx, NamedType, TypeHome, doc_lines, format_path, inner_doc_lines};
pub use members::{Form, MemberInfo, members};
pub use operation::{AuthScheme, OpNames};
pub use protocol::{Binding, BodyRules, Codec, ErrorNaming, Protocol, ReplyTo, RequestFacts};
pub use scope::Scope;
pub use structure::{Role, StructSpec};
pub use values::{ValueWriter, timestamp_seconds, timestamps_in_format};
