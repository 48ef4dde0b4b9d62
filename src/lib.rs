//! Claimtrace: attribution-first annotation of news articles.
//!
//! The core (`model`, `text`, `edit`, `store`, `article`, `formats`, `review`, `suggest`, `corpus`, `identity`) knows nothing of
//! the screen; `ui` and `cli` are two faces over it.

pub mod article;
pub mod cli;
pub mod corpus;
pub mod demo;
pub mod edit;
pub mod formats;
pub mod identity;
pub mod model;
pub mod review;
pub mod store;
pub mod suggest;
pub mod text;
pub mod ui;
pub mod work;
