//! yaodian (要点): an annual work plan (工作要点) as a live, shared progress board.
//!
//! `core` holds everything that does not need a terminal (model, importer, pace, store);
//! `cli` and `tui` are thin layers over it.

pub mod cells;
pub mod cli;
pub mod core;
pub mod i18n;
pub mod lang;
pub mod settings;
pub mod tui;
