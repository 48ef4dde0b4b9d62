//! Puts the commit the binary is built from into `claimtrace --version`.
//!
//! Sets `CLAIMTRACE_VERSION` for the crate: "0.1.0 (commit 1eaf62e3b1c2 2026-12-06)". The commit
//! comes from, in this order: the `CLAIMTRACE_COMMIT` environment variable (for builds from a
//! source tarball, where there is no `.git`: the packager says which commit it is), then `git`
//! in the source folder, else "commit unknown". A checkout with uncommitted changes is not
//! marked: telling would mean re-running this script on every edit of any file.
//!
//! Cargo re-runs this script when HEAD moves (a commit, a checkout), so the crate is rebuilt
//! after each commit; that is the price of a version line that never names a stale commit.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CLAIMTRACE_COMMIT");
    let version = env!("CARGO_PKG_VERSION");
    let commit = match std::env::var("CLAIMTRACE_COMMIT") {
        Ok(c) if !c.trim().is_empty() => format!("commit {}", c.trim()),
        _ => from_git().unwrap_or_else(|| "commit unknown: built outside a git checkout".into()),
    };
    println!("cargo:rustc-env=CLAIMTRACE_VERSION={version} ({commit})");
}

/// "commit <12 hex digits> <commit date>" of HEAD, and the files whose change moves HEAD.
fn from_git() -> Option<String> {
    // Only this source tree's own repository: a tarball unpacked inside another repository (a
    // home folder kept in git) must not take that repository's commit.
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let here = std::env::var_os("CARGO_MANIFEST_DIR")?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(here).ok()? {
        return None;
    }
    let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
    let date = git(&["log", "-1", "--format=%cs", "HEAD"]).unwrap_or_default();
    // HEAD itself (a checkout), the branch it points to (a commit) and packed refs (git gc). In
    // a worktree these live in different folders: `--git-path` finds each.
    let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watch.push(branch);
    }
    for name in watch {
        if let Some(p) = git(&["rev-parse", "--git-path", &name]) {
            let p = PathBuf::from(p);
            // A path that does not exist yet (no packed refs) would make Cargo re-run this
            // script on every build.
            if p.exists() {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
    }
    Some(format!("commit {hash} {date}").trim_end().to_string())
}

/// One line of git's output, or None when git is missing, fails, or prints nothing.
fn git(args: &[&str]) -> Option<String> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let line = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !line.is_empty()).then_some(line)
}
