//! Claimtrace: attribution-first annotation of news articles.
//!
//! The core (`model`, `text`, `edit`, `store`, `article`, `formats`, `review`, `suggest`, `corpus`,
//! `session`, `nlp`, `identity`) knows nothing of the screen; `ui` and `cli` are two faces over
//! it.

pub mod article;
pub mod cli;
pub mod corpus;
pub mod demo;
pub mod edit;
pub mod formats;
pub mod identity;
pub mod model;
pub mod nlp;
pub mod review;
pub mod session;
pub mod store;
pub mod suggest;
pub mod text;
pub mod ui;
pub mod words;
pub mod work;

/// What `claimtrace --version` prints after the name: the package version and the commit it was
/// built from, "0.1.0 (commit 1eaf62e3b1c2 2026-12-06)" (see `build.rs`).
pub const VERSION: &str = env!("CLAIMTRACE_VERSION");
