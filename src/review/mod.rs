//! Comparing projects, agreement, merging (a later issue).
