//! The packaging metadata agrees with itself and with the program: the desktop file, the MIME
//! type, the icons, the macOS Info.plist, the Windows installer script and the .deb's file list
//! (`packaging/`, `assets/icons/`, `Cargo.toml`), and `claimtrace --version`.
//!
//! Installing a package is `scripts/test-package.sh`, not a cargo test (it needs root and a
//! display).

mod common;

use claimtrace::store::{PROJECT_EXTENSION, PROJECT_EXTENSIONS, is_project_path};
use claimtrace::ui::{APP_ID, ICON_PNG, icon};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const MIME_TYPE: &str = "application/x-claimtrace";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The keys of a desktop file's `[Desktop Entry]` group; a key given twice fails the test.
fn desktop_entry(text: &str) -> BTreeMap<String, String> {
    let mut group = "";
    let mut keys = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            group = line;
            continue;
        }
        let (k, v) = line.split_once('=').expect("key=value");
        if group == "[Desktop Entry]" {
            let old = keys.insert(k.to_string(), v.to_string());
            assert!(old.is_none(), "{k} twice");
        }
    }
    keys
}

/// An XML element: its name, its attributes, and the text right inside it (trimmed).
type Element = (String, BTreeMap<String, String>, String);

/// Every start tag (name, attributes) of an XML file, after reading it whole: a file that is not
/// well-formed (a tag left open or closed twice, a bad attribute) fails the test.
fn xml_elements(rel: &str) -> Vec<Element> {
    let text = read(rel);
    let mut reader = Reader::from_str(&text);
    let mut open: Vec<String> = Vec::new();
    let mut out: Vec<Element> = Vec::new();
    loop {
        let (e, opens) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::Text(t)) => {
                let t = t.decode().unwrap().trim().to_string();
                if let Some(last) = out.last_mut()
                    && !t.is_empty()
                {
                    last.2 = t;
                }
                continue;
            }
            Ok(Event::End(_)) => {
                assert!(
                    open.pop().is_some(),
                    "{rel}: a tag closed that was never opened"
                );
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(e) => panic!("{rel} is not well-formed XML: {e}"),
        };
        let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("{rel}: {err}"));
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect();
        out.push((name.clone(), attrs, String::new()));
        if opens {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "{rel}: tags left open: {open:?}");
    out
}

#[test]
fn desktop_file_is_named_by_the_app_id_and_opens_projects() {
    let path = format!("packaging/linux/{APP_ID}.desktop");
    let keys = desktop_entry(&read(&path));
    assert_eq!(keys["Type"], "Application");
    assert_eq!(keys["Name"], "Claimtrace");
    assert_eq!(
        keys["Icon"], APP_ID,
        "the icon is installed under the app id"
    );
    assert_eq!(keys["StartupWMClass"], APP_ID);
    assert_eq!(keys["Terminal"], "false");
    // The file of a double-click arrives as the one argument the window takes.
    let exec: Vec<&str> = keys["Exec"].split_whitespace().collect();
    assert_eq!(exec, ["claimtrace", "%f"]);
    let types: Vec<&str> = keys["MimeType"]
        .split(';')
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(types, [MIME_TYPE]);
    for list in ["Categories", "Keywords", "MimeType"] {
        assert!(keys[list].ends_with(';'), "{list} ends with ';'");
    }
}

#[test]
fn mime_type_claims_the_project_ending_only_and_is_text() {
    let els = xml_elements("packaging/linux/claimtrace.xml");
    let types: Vec<&str> = els
        .iter()
        .filter(|(n, _, _)| n == "mime-type")
        .map(|(_, a, _)| a["type"].as_str())
        .collect();
    assert_eq!(types, [MIME_TYPE]);
    let globs: Vec<&str> = els
        .iter()
        .filter(|(n, _, _)| n == "glob")
        .map(|(_, a, _)| a["pattern"].as_str())
        .collect();
    assert_eq!(globs, [format!("*.{PROJECT_EXTENSION}")]);
    assert!(
        els.iter()
            .any(|(n, a, _)| n == "sub-class-of" && a["type"] == "text/plain"),
        "a project is plain text: text editors may open it"
    );
    let root = &els[0];
    assert_eq!(root.0, "mime-info");
    assert_eq!(
        root.1["xmlns"],
        "http://www.freedesktop.org/standards/shared-mime-info"
    );
}

#[test]
fn project_endings_are_claimtrace_first_then_ron() {
    assert_eq!(PROJECT_EXTENSIONS, ["claimtrace", "ron"]);
    assert!(is_project_path(Path::new("vietnam.claimtrace")));
    assert!(is_project_path(Path::new("vietnam.ron")));
    assert!(!is_project_path(Path::new("vietnam.txt")));
}

fn png_size(rel: &str) -> (u32, u32) {
    let bytes = std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{rel} is not a PNG: {e}"));
    (img.width(), img.height())
}

#[test]
fn icons_have_their_sizes_and_the_window_icon_decodes() {
    for s in [16, 32, 48, 64, 128, 256, 512] {
        let rel = format!("assets/icons/claimtrace-{s}.png");
        assert_eq!(png_size(&rel), (s, s), "{rel}");
    }
    let svg = xml_elements("assets/icons/claimtrace.svg");
    assert_eq!(svg[0].0, "svg");
    assert_eq!(svg[0].1["viewBox"], "0 0 256 256", "square");

    let window = icon().expect("the window icon decodes");
    assert_eq!((window.width, window.height), (256, 256));
    assert_eq!(window.rgba.len(), 256 * 256 * 4);
    assert_eq!(
        ICON_PNG,
        std::fs::read(root().join("assets/icons/claimtrace-256.png")).unwrap()
    );

    // Windows: an ICONDIR of type 1 (icon) with the four sizes.
    let ico = std::fs::read(root().join("assets/icons/claimtrace.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0]);
    let count = u16::from_le_bytes([ico[4], ico[5]]) as usize;
    let mut sizes: Vec<u32> = (0..count)
        .map(|i| match ico[6 + 16 * i] {
            0 => 256, // 0 stands for 256 in an ICONDIRENTRY
            w => u32::from(w),
        })
        .collect();
    sizes.sort();
    assert_eq!(sizes, [16, 32, 48, 256]);
    // macOS: "icns" and the whole file's length, big-endian.
    let icns = std::fs::read(root().join("assets/icons/claimtrace.icns")).unwrap();
    assert_eq!(&icns[..4], b"icns");
    let len = u32::from_be_bytes([icns[4], icns[5], icns[6], icns[7]]) as usize;
    assert_eq!(len, icns.len());
}

/// The `[source, destination, mode]` rows of `[package.metadata.deb] assets` in Cargo.toml.
fn deb_assets() -> Vec<[String; 3]> {
    let toml = read("Cargo.toml");
    let start = toml.find("[package.metadata.deb]").expect("deb metadata");
    let rest = &toml[start..];
    let list = &rest[rest.find("assets = [").expect("assets")..];
    let list = &list[..list.find("\n]").expect("end of assets")];
    list.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("[\""))
        .map(|l| {
            let parts: Vec<String> = l
                .split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            parts.try_into().expect("three strings")
        })
        .collect()
}

#[test]
fn the_deb_installs_binary_desktop_file_mime_type_icons_and_licences() {
    let assets = deb_assets();
    let dest = |src: &str| -> Vec<&str> {
        assets
            .iter()
            .filter(|a| a[0] == src)
            .map(|a| a[1].as_str())
            .collect()
    };
    assert_eq!(dest("target/release/claimtrace"), ["usr/bin/"]);
    assert_eq!(
        dest(&format!("packaging/linux/{APP_ID}.desktop")),
        ["usr/share/applications/"]
    );
    assert_eq!(
        dest("packaging/linux/claimtrace.xml"),
        ["usr/share/mime/packages/"]
    );
    for s in [16, 32, 48, 64, 128, 256, 512] {
        let apps = format!("usr/share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png");
        assert!(
            dest(&format!("assets/icons/claimtrace-{s}.png")).contains(&apps.as_str()),
            "{apps}"
        );
    }
    for doc in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert_eq!(dest(doc), ["usr/share/doc/claimtrace/"], "{doc}");
    }
    for [src, _, mode] in &assets {
        if src != "target/release/claimtrace" {
            assert!(root().join(src).is_file(), "{src} is missing");
        }
        let want = if src.starts_with("target/") {
            "755"
        } else {
            "644"
        };
        assert_eq!(mode, want, "{src}");
    }
}

/// The string after `<key>KEY</key>` in a plist (the first one).
fn plist_string<'a>(els: &'a [Element], key: &str) -> &'a str {
    let at = els
        .iter()
        .position(|(n, _, t)| n == "key" && t == key)
        .unwrap_or_else(|| panic!("no {key}"));
    &els[at + 1].2
}

#[test]
fn macos_bundle_declares_the_project_document_type() {
    let els = xml_elements("packaging/macos/Info.plist");
    assert_eq!(plist_string(&els, "CFBundleExecutable"), "claimtrace");
    assert_eq!(
        plist_string(&els, "CFBundleShortVersionString"),
        "@VERSION@"
    );
    let uti = plist_string(&els, "UTTypeIdentifier");
    let handled: Vec<&str> = els
        .iter()
        .skip_while(|(n, _, t)| !(n == "key" && t == "LSItemContentTypes"))
        .skip(2)
        .take(1)
        .map(|(_, _, t)| t.as_str())
        .collect();
    assert_eq!(handled, [uti], "the document type is the exported type");
    let ext_at = els
        .iter()
        .position(|(n, _, t)| n == "key" && t == "public.filename-extension")
        .unwrap();
    assert_eq!(els[ext_at + 2].2, PROJECT_EXTENSION);
    assert_eq!(
        els.iter()
            .position(|(n, _, t)| n == "key" && t == "public.mime-type")
            .map(|i| els[i + 2].2.as_str()),
        Some(MIME_TYPE)
    );
    assert_eq!(plist_string(&els, "LSHandlerRank"), "Owner");
}

#[test]
fn windows_installer_associates_the_project_ending() {
    let iss = read("packaging/windows/claimtrace.iss");
    let progid = "Claimtrace.Project";
    for line in [
        format!(
            r#"Subkey: "Software\Classes\.{PROJECT_EXTENSION}"; ValueType: string; ValueName: ""; ValueData: "{progid}""#
        ),
        format!(
            r#"Subkey: "Software\Classes\{progid}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{{app}}\claimtrace.exe"" ""%1""""#
        ),
        format!(
            r#"Subkey: "Software\Classes\.ron\OpenWithProgids"; ValueType: string; ValueName: "{progid}""#
        ),
        r#"Name: "{autoprograms}\Claimtrace"; Filename: "{app}\claimtrace.exe""#.to_string(),
        "ChangesAssociations=yes".to_string(),
        "PrivilegesRequired=lowest".to_string(),
    ] {
        assert!(iss.contains(&line), "claimtrace.iss lacks {line}");
    }
    // The default of .ron is never taken: only "Open with".
    assert!(!iss.contains(r#"Subkey: "Software\Classes\.ron"; ValueType: string; ValueName: """#));
}

#[test]
fn version_names_the_package_version_and_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let r = common::run(dir.path(), &["--version"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r.stdout.trim();
    let want = format!("claimtrace {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&want), "{line}");
    // In a git checkout (CI's clean clone too), the commit is the one HEAD is at; the
    // CLAIMTRACE_COMMIT override stands for a tarball build.
    if std::env::var_os("CLAIMTRACE_COMMIT").is_none()
        && let Ok(out) = Command::new("git")
            .args(["rev-parse", "--short=12", "HEAD"])
            .current_dir(root())
            .output()
        && out.status.success()
    {
        let head = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(
            line.contains(&format!("commit {head} ")),
            "{line} is not at {head}"
        );
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn device_select_is_quieted_only_without_a_runtime_folder() {
    use claimtrace::ui::quiet_device_select;
    use std::ffi::OsStr;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().as_os_str();
    let file = dir.path().join("f");
    std::fs::write(&file, "").unwrap();
    assert!(quiet_device_select(None, None));
    assert!(quiet_device_select(Some(OsStr::new("")), None));
    assert!(quiet_device_select(
        Some(OsStr::new("/no/such/folder")),
        None
    ));
    assert!(quiet_device_select(Some(file.as_os_str()), None));
    // A folder named relatively is what libwayland-client calls invalid too.
    assert!(quiet_device_select(Some(OsStr::new(".")), None));
    assert!(!quiet_device_select(Some(folder), None));
    // A user's own setting wins, whatever it is.
    assert!(!quiet_device_select(None, Some(OsStr::new("0"))));
}
