//! Helpers shared by the tests that run the real `claimtrace` binary.

use assert_cmd::Command;
use std::path::Path;

/// The output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run the binary in `dir` with no display; fails the test if it panicked.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("claimtrace")
        .expect("the claimtrace binary is built")
        .current_dir(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .args(args)
        .output()
        .expect("the binary runs");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !r.stderr.contains("panicked") && !r.stdout.contains("panicked"),
        "claimtrace {args:?} panicked:\n{}",
        r.stderr
    );
    r
}
