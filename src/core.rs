//! The core: model, importer, pace and status, store. No terminal dependency lives here.

pub mod clock;
pub mod demo;
pub mod edit;
pub mod filter;
pub mod generate;
pub mod identity;
pub mod import;
pub mod json_out;
pub mod model;
pub mod numeral;
pub mod pace;
pub mod period;
pub mod privilege;
pub mod report;
pub mod safe_text;
pub mod search;
pub mod secure_fs;
pub mod shared;
pub mod store;
