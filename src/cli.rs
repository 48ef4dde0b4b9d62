//! The command line (to be written).

/// Run the command line; returns the exit status.
pub fn main() -> i32 {
    match crate::ui::run(None) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("claimtrace: {e:#}");
            1
        }
    }
}
