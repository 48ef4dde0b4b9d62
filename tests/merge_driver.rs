//! `claimtrace merge-driver` on the fixture cases (tests/fixtures/merge/<case>/, written by
//! tests/fixtures/merge/make.py with hand-worked expected results), each run both ways round,
//! and `claimtrace git-setup` + `git merge` in a real temporary repository.

use claimtrace::model::Project;
use claimtrace::review::merge3::MERGE_REVIEWER;
use claimtrace::store;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{Run, run};

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/merge")
        .join(case)
}

/// Run the driver on a copy of a case; `swap` gives theirs as ours. Returns the run and the
/// bytes written into OURS.
fn drive(case: &str, swap: bool) -> (Run, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = case_dir(case);
    let (o, t) = if swap {
        ("theirs", "ours")
    } else {
        ("ours", "theirs")
    };
    fs::copy(src.join("base.ron"), dir.path().join("O.ron")).expect("copy base");
    fs::copy(src.join(format!("{o}.ron")), dir.path().join("A.ron")).expect("copy ours");
    fs::copy(src.join(format!("{t}.ron")), dir.path().join("B.ron")).expect("copy theirs");
    let r = run(
        dir.path(),
        &["merge-driver", "O.ron", "A.ron", "B.ron", "project.ron"],
    );
    let out = fs::read_to_string(dir.path().join("A.ron")).expect("read result");
    assert!(
        !dir.path().join("A.ron.bak").exists(),
        "the driver must not leave a backup in the work tree"
    );
    (r, out, dir)
}

/// Swap the side names in the merge notes ("version from ours (merging theirs into ours)"):
/// what was merged into what stays, the side a version came from swaps.
fn swap_names(text: &str) -> String {
    text.replace("\"version from ours (", "\"version from @@ (")
        .replace("\"version from theirs (", "\"version from ours (")
        .replace("\"version from @@ (", "\"version from theirs (")
}

/// A project compared up to what the merge may choose freely: which claim of a competing
/// group keeps the id and what id the other gets (ids are checked unique on load), and the
/// order of claims.
fn normal(mut p: Project) -> Project {
    for c in &mut p.claims {
        if let Some(g) = &c.unresolved {
            c.id = format!("{g} (group)");
        }
    }
    p.claims
        .sort_by_cached_key(|c| ron::to_string(c).unwrap_or_default());
    p
}

fn load_text(text: &str, name: &str) -> Project {
    match store::from_ron(text, Path::new(name)) {
        Ok((p, _)) => p,
        Err(e) => panic!("{name} does not load: {e}"),
    }
}

fn check_case(case: &str) {
    let expected_text =
        fs::read_to_string(case_dir(case).join("expected.ron")).expect("expected.ron");
    let conflicts = expected_text.contains("unresolved:");
    let (fwd, fwd_out, _d1) = drive(case, false);
    let (back, back_out, _d2) = drive(case, true);
    for (r, way) in [(&fwd, "ours/theirs"), (&back, "swapped")] {
        assert_eq!(
            r.code,
            i32::from(conflicts),
            "{case} ({way}): exit code; stderr:\n{}",
            r.stderr
        );
    }
    let expected = normal(load_text(&expected_text, "expected.ron"));
    assert_eq!(
        normal(load_text(&fwd_out, "merged")),
        expected,
        "{case}: merged project differs from expected.ron"
    );
    assert_eq!(
        normal(load_text(&back_out, "merged (swapped)")),
        normal(load_text(
            &swap_names(&expected_text),
            "expected.ron (swapped)"
        )),
        "{case}: merged project (ours and theirs swapped) differs from expected.ron"
    );
    // Stable formatting: the same bytes whichever side is ours, apart from the side names.
    assert_eq!(
        swap_names(&fwd_out),
        back_out,
        "{case}: the bytes depend on which side is ours"
    );
}

#[test]
fn different_documents_added() {
    check_case("documents_added");
}

#[test]
fn claims_added_in_the_same_document() {
    check_case("claims_added_same_document");
}

#[test]
fn one_side_deletes_what_the_other_edits() {
    check_case("delete_vs_edit");
}

#[test]
fn label_on_one_side_note_on_the_other() {
    check_case("label_vs_note");
}

#[test]
fn same_note_edited_differently() {
    check_case("same_note_edited_differently");
    let (_, out, _d) = drive("same_note_edited_differently", false);
    let p = load_text(&out, "merged");
    let group: Vec<_> = p
        .claims
        .iter()
        .filter(|c| c.unresolved.as_deref() == Some("c1"))
        .collect();
    assert_eq!(group.len(), 2, "both versions kept in one group");
    for c in group {
        assert!(c.reviews.iter().any(|r| r.reviewer == MERGE_REVIEWER));
    }
}

#[test]
fn source_renamed_vs_claim_added_with_the_old_name() {
    check_case("source_renamed_vs_claim_with_old_name");
}

#[test]
fn source_merged_vs_claim_naming_the_merged_source() {
    check_case("source_merged_vs_claim_with_merged_source");
}

#[test]
fn same_source_added_on_both_sides() {
    check_case("same_source_added_twice");
}

#[test]
fn nested_claims_whose_outer_claim_is_deleted() {
    check_case("nested_outer_deleted");
}

#[test]
fn unparsable_side_falls_back_to_conflict_markers() {
    for swap in [false, true] {
        let (r, out, dir) = drive("unparsable_side", swap);
        assert_eq!(r.code, 1, "stderr:\n{}", r.stderr);
        assert!(
            r.stderr.contains("cannot merge claim by claim"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("line 4"), "says where: {}", r.stderr);
        assert!(out.contains("<<<<<<<") && out.contains(">>>>>>>"), "{out}");
        // The half-merged file is refused on open, with what to do.
        let err = match store::load(&dir.path().join("A.ron")) {
            Ok(_) => panic!("a file with conflict markers loaded"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("conflict markers"), "{err}");
        assert!(err.contains("A.ron"), "{err}");
        assert!(err.contains("git checkout --ours"), "{err}");
    }
}

#[test]
fn newer_format_falls_back_to_gits_line_merge() {
    for swap in [false, true] {
        let (r, _out, _d) = drive("newer_format", swap);
        assert_eq!(r.code, 1, "stderr:\n{}", r.stderr);
        assert!(r.stderr.contains("format 3"), "{}", r.stderr);
        assert!(r.stderr.contains("git's line merge"), "{}", r.stderr);
    }
}

#[test]
fn merging_a_project_with_itself_or_its_base_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = case_dir("label_vs_note");
    for (o, t) in [("ours", "ours"), ("base", "ours"), ("ours", "base")] {
        fs::copy(src.join("base.ron"), dir.path().join("O.ron")).expect("copy");
        fs::copy(src.join(format!("{o}.ron")), dir.path().join("A.ron")).expect("copy");
        fs::copy(src.join(format!("{t}.ron")), dir.path().join("B.ron")).expect("copy");
        let r = run(dir.path(), &["merge-driver", "O.ron", "A.ron", "B.ron"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let got = load_text(
            &fs::read_to_string(dir.path().join("A.ron")).expect("read"),
            "A",
        );
        let want = load_text(
            &fs::read_to_string(src.join("ours.ron")).expect("read"),
            "ours",
        );
        assert_eq!(got, want, "merging {o} with {t} over base");
    }
}

// ---------------------------------------------------------------------------------------------
// a real git repository

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .args(args)
        .output()
        .expect("git runs (install git)")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let o = git(dir, args);
    assert!(
        o.status.success(),
        "git {args:?}:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Put a fixture side into the repository as project.ron and commit it.
fn commit_side(repo: &Path, case: &str, side: &str) {
    fs::copy(
        case_dir(case).join(format!("{side}.ron")),
        repo.join("project.ron"),
    )
    .expect("copy");
    git_ok(repo, &["commit", "-qam", side]);
}

fn repo_at(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    let r = run(repo, &["git-setup"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("merge.claimtrace.driver"), "{}", r.stdout);
    fs::copy(case_dir(case).join("base.ron"), repo.join("project.ron")).expect("copy");
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-qm", "base"]);
    git_ok(repo, &["branch", "other"]);
    commit_side(repo, case, "ours");
    git_ok(repo, &["checkout", "-q", "other"]);
    commit_side(repo, case, "theirs");
    git_ok(repo, &["checkout", "-q", "main"]);
    dir
}

#[test]
fn git_setup_is_idempotent_and_refuses_outside_a_work_tree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = run(dir.path(), &["git-setup"]);
    assert_eq!(outside.code, 1);
    assert!(
        outside.stderr.contains("not inside a git work tree"),
        "{}",
        outside.stderr
    );

    git_ok(dir.path(), &["init", "-q"]);
    let first = run(dir.path(), &["git-setup", "--pattern", "*.claimtrace.ron"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = run(dir.path(), &["git-setup", "--pattern", "*.claimtrace.ron"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stdout.contains("already"), "{}", second.stdout);
    let attrs = fs::read_to_string(dir.path().join(".gitattributes")).expect("attributes");
    assert_eq!(attrs, "*.claimtrace.ron merge=claimtrace\n");
    let ignore = fs::read_to_string(dir.path().join(".gitignore")).expect("gitignore");
    assert_eq!(ignore, "*.claimtrace.ron.bak\n*.claimtrace.ron.lock\n");
    let driver = git(dir.path(), &["config", "merge.claimtrace.driver"]);
    let driver = String::from_utf8_lossy(&driver.stdout);
    assert!(
        driver
            .trim()
            .ends_with("merge-driver %O %A %B %P --ours-name=%X --theirs-name=%Y"),
        "{driver}"
    );
}

#[test]
fn git_setup_by_default_marks_claimtrace_and_ron_projects() {
    let dir = tempfile::tempdir().expect("temp dir");
    git_ok(dir.path(), &["init", "-q"]);
    let r = run(dir.path(), &["git-setup"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let attrs = fs::read_to_string(dir.path().join(".gitattributes")).expect("attributes");
    assert_eq!(
        attrs,
        "*.claimtrace merge=claimtrace\n*.ron merge=claimtrace\n"
    );
    let ignore = fs::read_to_string(dir.path().join(".gitignore")).expect("gitignore");
    assert_eq!(
        ignore,
        "*.claimtrace.bak\n*.claimtrace.lock\n*.ron.bak\n*.ron.lock\n"
    );
    // Git itself sends both endings to the driver, and neither the backups nor other files.
    let o = git(
        dir.path(),
        &[
            "check-attr",
            "merge",
            "--",
            "a.claimtrace",
            "b.ron",
            "a.claimtrace.bak",
            "c.txt",
        ],
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "a.claimtrace: merge: claimtrace\nb.ron: merge: claimtrace\n\
         a.claimtrace.bak: merge: unspecified\nc.txt: merge: unspecified\n"
    );
    // A repository set up by a version that knew only *.ron gains the new lines, once.
    let old = tempfile::tempdir().expect("temp dir");
    git_ok(old.path(), &["init", "-q"]);
    fs::write(
        old.path().join(".gitattributes"),
        "*.ron merge=claimtrace\n",
    )
    .expect("write");
    assert_eq!(run(old.path(), &["git-setup"]).code, 0);
    assert_eq!(run(old.path(), &["git-setup"]).code, 0);
    let attrs = fs::read_to_string(old.path().join(".gitattributes")).expect("attributes");
    assert_eq!(
        attrs,
        "*.ron merge=claimtrace\n*.claimtrace merge=claimtrace\n"
    );
}

#[test]
fn git_merge_is_clean_for_independent_edits() {
    let dir = repo_at("label_vs_note");
    let repo = dir.path();
    let o = git(repo, &["merge", "-q", "--no-edit", "other"]);
    assert!(
        o.status.success(),
        "git merge failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (got, _) = store::load(&repo.join("project.ron")).expect("merged project loads");
    let want = load_text(
        &fs::read_to_string(case_dir("label_vs_note").join("expected.ron")).expect("read"),
        "expected",
    );
    assert_eq!(got, want);
}

#[test]
fn git_merge_of_a_conflict_records_it_in_the_project() {
    let dir = repo_at("same_note_edited_differently");
    let repo = dir.path();
    let o = git(repo, &["merge", "-q", "--no-edit", "other"]);
    assert!(!o.status.success(), "a conflicting merge must stop");
    let (p, _) = store::load(&repo.join("project.ron")).expect("the merged file loads");
    let group = p
        .claims
        .iter()
        .filter(|c| c.unresolved.as_deref() == Some("c1"))
        .count();
    assert_eq!(group, 2, "the conflict is recorded as one unresolved group");
    // Who made each version: the branch names git passed ("HEAD" is the current branch).
    let conflicts = claimtrace::review::conflicts::open_conflicts(&p);
    assert_eq!(
        claimtrace::review::conflicts::merged_with(&p, &conflicts),
        vec!["other".to_string()]
    );
    let mut from: Vec<String> = p
        .claims
        .iter()
        .filter_map(claimtrace::review::conflicts::merge_note)
        .map(|n| n.from)
        .collect();
    from.sort();
    assert_eq!(from, ["main", "other"]);
}

#[test]
fn git_pull_names_the_branch_it_pulled() {
    // Bo pushes to a bare repository; Ana, who changed the same note, pulls.
    let dir = repo_at("same_note_edited_differently");
    let work = dir.path();
    let bare = tempfile::tempdir().expect("temp dir");
    git_ok(bare.path(), &["init", "-q", "--bare", "-b", "main"]);
    let url = bare.path().to_string_lossy().to_string();
    git_ok(work, &["push", "-q", &url, "other:main"]);
    let clone = tempfile::tempdir().expect("temp dir");
    let ana = clone.path().join("ana");
    git_ok(clone.path(), &["clone", "-q", &url, "ana"]);
    let r = run(&ana, &["git-setup"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    git_ok(&ana, &["reset", "-q", "--hard", "HEAD~1"]);
    commit_side(&ana, "same_note_edited_differently", "ours");
    let o = git(&ana, &["pull", "-q", "--no-rebase", "--no-edit"]);
    assert!(!o.status.success(), "a conflicting pull must stop");
    let (p, _) = store::load(&ana.join("project.ron")).expect("the merged file loads");
    let conflicts = claimtrace::review::conflicts::open_conflicts(&p);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        claimtrace::review::conflicts::merged_with(&p, &conflicts),
        vec!["origin/main".to_string()]
    );
}
