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
pub mod report;
pub mod search;
pub mod shared;
pub mod store;
