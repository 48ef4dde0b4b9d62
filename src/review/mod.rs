//! Reviewing a colleague's project: compare claim by claim ([`compare`]), measure agreement
//! ([`agreement`]) and merge two projects into a curated one ([`merge`]).
//!
//! No screen here: the window's compare view and the `agree`/`merge` commands are faces over
//! these functions.

pub mod adjudicate;
pub mod agreement;
pub mod compare;
pub mod conflicts;
pub mod merge;
pub mod merge3;

pub use agreement::{
    Agreement, DocumentMeasures, LabelMeasures, MeanMeasures, Measures, RoleF1, agreement, mean,
    measure,
};
pub use compare::{
    Comparison, Difference, DocumentComparison, KindCounts, Pair, PairKind, compare, label_key,
    same_label, same_source, same_sources,
};
pub use merge::{Choice, Choices, MergeReport, choice_edit, merge, merge_with_report};
pub use merge3::{Merge3Report, merge3};

#[cfg(test)]
pub(crate) mod testutil;
