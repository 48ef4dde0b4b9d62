//! The demo project (to be written)
