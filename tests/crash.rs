//! Crash safety of project writes: a `claimtrace add` on a large project is killed (SIGKILL)
//! at random instants, hundreds of times; after every kill the project file must load and be
//! either the version before the command or the version after it — never a mix, never broken.
//!
//! Half the kills fall uniformly over the time one `add` takes; the other half are aimed at the
//! write itself (a few random milliseconds after the temporary file appears). The delays come
//! from a seeded generator. The test prints how the kills fell: before the write, during it (a
//! temporary file is left behind, which is allowed), or after the rename (the new version).

use claimtrace::model::Project;
use claimtrace::store;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small xorshift generator: deterministic kill instants and texts without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "Amnesty",
    "said",
    "the",
    "number",
    "of",
    "political",
    "prisoners",
    "in",
    "Vietnam",
    "has",
    "reached",
    "its",
    "highest",
    "on",
    "record",
    "according",
    "to",
    "a",
    "tally",
    "report",
    "Facebook",
    "Google",
    "censorship",
    "ministry",
    "told",
    "Reuters",
    "activists",
    "jailed",
    "“prisoners",
    "of",
    "conscience”",
    "Bộ",
    "Ngoại",
    "giao",
    "Hà",
    "Nội",
    "—",
    "officials",
];

/// About `bytes` bytes of article-like text, different for every `seed`.
fn article(seed: u64, bytes: usize) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut s = format!("Article {seed}\n\n");
    while s.len() < bytes {
        for i in 0..(20 + rng.below(60)) {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        }
        s.push_str(".\n\n");
    }
    s
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_claimtrace")
}

fn run_ok(dir: &Path, args: &[&str]) {
    let out = Command::new(bin())
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "claimtrace {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn load(path: &Path) -> Project {
    match store::load(path) {
        Ok((p, _)) => p,
        Err(e) => panic!("the project no longer loads after a kill: {e}"),
    }
}

fn temporary_files(dir: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
        .collect()
}

#[test]
fn killing_add_at_random_instants_never_breaks_the_project() {
    const KILLS: usize = 210;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = d.join("p.ron");
    run_ok(d, &["new", "p.ron", "--name", "Crash"]);
    fs::write(d.join("base0.txt"), article(1000, 1 << 19)).unwrap();
    fs::write(d.join("base1.txt"), article(1001, 1 << 18)).unwrap();
    run_ok(d, &["add", "p.ron", "base0.txt", "base1.txt"]);
    let base = fs::read(&p).unwrap();
    let base_docs = load(&p).documents.len();
    assert_eq!(base_docs, 2);
    let body = article(7, 1 << 20);

    // How long one whole `add` takes here; the kills fall uniformly over that time and a
    // little beyond, so they land before, during and after the write.
    let t0 = Instant::now();
    fs::write(d.join("big.txt"), format!("Warm-up\n\n{body}")).unwrap();
    run_ok(d, &["add", "p.ron", "big.txt"]);
    let mut window = t0.elapsed().as_micros() as u64 * 11 / 10;
    fs::write(&p, &base).unwrap();

    let mut rng = Rng(0x5eed_c0ff_ee11_2233);
    let (mut old, mut new, mut mid_write, mut finished) = (0, 0, 0, 0);
    let mut docs_before = base_docs;
    let started = Instant::now();
    for i in 0..KILLS {
        // Keep the project large but bounded: back to the base once it has grown.
        if docs_before > base_docs {
            fs::write(&p, &base).unwrap();
            docs_before = base_docs;
        }
        // The machine's load changes while the test runs (other tests, other builds): every
        // 20 kills, one whole `add` is timed again (not counted) so the kills keep covering
        // the run and a little beyond.
        if i > 0 && i % 20 == 0 {
            let t = Instant::now();
            fs::write(d.join("big.txt"), format!("Timing {i}\n\n{body}")).unwrap();
            run_ok(d, &["add", "p.ron", "big.txt"]);
            window = t.elapsed().as_micros() as u64 * 11 / 10;
            fs::write(&p, &base).unwrap();
            docs_before = base_docs;
        }
        let before = fs::read(&p).unwrap();
        // A distinct article each time (the project skips texts it already has).
        let text = format!("Article number {i}\n\n{body}");
        fs::write(d.join("big.txt"), &text).unwrap();

        let mut child = Command::new(bin())
            .current_dir(d)
            .args(["add", "p.ron", "big.txt"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        if i % 2 == 0 {
            // Anywhere in the run.
            std::thread::sleep(Duration::from_micros(rng.below(window)));
        } else {
            // Aimed at the write: once the temporary file appears, a few milliseconds more.
            let tmp = d.join(format!(".p.ron.{pid}.tmp"));
            let deadline = Instant::now() + Duration::from_secs(10);
            while !tmp.exists() && Instant::now() < deadline {
                if child.try_wait().ok().flatten().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_micros(100));
            }
            std::thread::sleep(Duration::from_micros(rng.below(8_000)));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        }

        // The temporary file of a write interrupted between creating it and renaming it.
        let tmps = temporary_files(d);
        if tmps
            .iter()
            .any(|t| t.to_string_lossy().ends_with(&format!(".{pid}.tmp")))
        {
            mid_write += 1;
        }
        for t in tmps {
            let _ = fs::remove_file(t);
        }

        let after = load(&p);
        if after.documents.len() == docs_before {
            assert_eq!(
                fs::read(&p).unwrap(),
                before,
                "kill {i}: same document count but the file changed"
            );
            old += 1;
        } else {
            assert_eq!(
                after.documents.len(),
                docs_before + 1,
                "kill {i}: neither the old nor the new version"
            );
            let last = after.documents.last().unwrap();
            assert_eq!(last.text, text, "kill {i}: the new document is incomplete");
            assert_eq!(last.sha256, claimtrace::text::sha256_hex(&text));
            new += 1;
        }
        docs_before = after.documents.len();
    }
    println!(
        "{KILLS} kills over 0–{} ms in {:.1} s: {old} left the old version ({mid_write} of them \
         mid-write, a temporary file left behind), {new} the new version ({finished} had \
         already finished)",
        window / 1000,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(old + new, KILLS);
    // The kill instants must cover the write, or the test proves little.
    assert!(
        mid_write > 0,
        "no kill landed while the file was being written"
    );
    assert!(old > 0 && new > 0, "old {old}, new {new}");
}
