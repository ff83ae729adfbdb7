//! The installers' configuration (Cargo.toml's `[package.metadata.packager]`, packaging/):
//! what cargo-packager reads on each system is there, and the file associations follow the
//! formats the app reads, so neither can drift from the other.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn manifest() -> toml::Table {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    text.parse().expect("Cargo.toml parses")
}

fn packager() -> toml::Table {
    let m = manifest();
    m["package"]["metadata"]["packager"]
        .as_table()
        .expect("[package.metadata.packager]")
        .clone()
}

fn strings(v: &toml::Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_owned())
        .collect()
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn has_extension(path: &str, extension: &str) -> bool {
    Path::new(path).extension().is_some_and(|e| e == extension)
}

/// A PNG's width and height, from its IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is a PNG", path.display());
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

#[test]
fn every_icon_and_file_the_packager_reads_exists_and_each_png_is_the_size_it_is_named() {
    let p = packager();
    let mut files = strings(&p["icons"]);
    files.push(
        p["deb"]["desktop-template"]
            .as_str()
            .expect("desktop template")
            .to_owned(),
    );
    files.push(p["nsis"]["installer-icon"].as_str().expect("installer icon").to_owned());
    files.extend(p["deb"]["files"].as_table().expect("deb files").keys().cloned());
    for f in &files {
        assert!(
            root().join(f).is_file(),
            "{f} (named in Cargo.toml's packager block) is missing"
        );
    }
    let icons = strings(&p["icons"]);
    let mut sizes = BTreeSet::new();
    for icon in icons.iter().filter(|i| has_extension(i, "png")) {
        let named: u32 = icon
            .trim_end_matches(".png")
            .rsplit('-')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{icon}: named duizhao-SIZE.png"));
        assert_eq!(png_size(&root().join(icon)), (named, named), "{icon}");
        sizes.insert(named);
    }
    assert_eq!(
        sizes,
        BTreeSet::from([16, 32, 48, 64, 128, 256, 512]),
        "the sizes desktops ask for"
    );
    assert!(icons.iter().any(|i| has_extension(i, "icns")), "macOS");
    assert!(icons.iter().any(|i| has_extension(i, "ico")), "Windows");
    // macOS's largest, in the .icns, and the SVG they are all made from.
    assert_eq!(png_size(&root().join("assets/icon/duizhao-1024.png")), (1024, 1024));
    assert!(read("assets/icon/duizhao.svg").contains("<svg"));
}

#[test]
fn the_associations_are_the_project_file_and_exactly_the_formats_the_app_imports() {
    let p = packager();
    let associations = p["file-associations"].as_array().expect("file associations");
    let mut extensions = BTreeSet::new();
    let mut project_mime = None;
    for a in associations {
        let exts = strings(&a["extensions"]);
        let mime = a["mime-type"]
            .as_str()
            .unwrap_or_else(|| panic!("{exts:?} has a MIME type"));
        if exts.iter().any(|e| e == duizhao::project::EXTENSION) {
            assert_eq!(exts, [duizhao::project::EXTENSION]);
            assert_eq!(a["role"].as_str(), Some("editor"), "projects are edited");
            project_mime = Some(mime.to_owned());
        } else {
            assert_eq!(
                a["role"].as_str(),
                Some("viewer"),
                "{exts:?}: the app offers itself, reads only"
            );
        }
        for e in exts {
            assert!(extensions.insert(e.clone()), ".{e} is associated twice");
        }
    }
    let mut expected: BTreeSet<String> = duizhao::ingest::EXTENSIONS.iter().map(|e| (*e).to_owned()).collect();
    expected.insert(duizhao::project::EXTENSION.to_owned());
    assert_eq!(
        extensions, expected,
        "associations = ingest::EXTENSIONS + the project file"
    );
    assert_eq!(project_mime.as_deref(), Some("application/x-duizhao-project"));
}

#[test]
fn the_desktop_entry_opens_files_with_duizhao_open_and_the_mime_xml_defines_the_project_type() {
    let p = packager();
    let deb = p["deb"].as_table().expect("deb");
    assert_eq!(
        deb["package-name"].as_str(),
        Some(env!("CARGO_PKG_NAME")),
        "the .deb is `duizhao`"
    );
    let desktop = read(deb["desktop-template"].as_str().expect("template"));
    let exec: Vec<&str> = desktop.lines().filter(|l| l.starts_with("Exec=")).collect();
    assert_eq!(
        exec,
        ["Exec={{exec}} open %F"],
        "the desktop passes files to `duizhao open`"
    );
    assert!(
        desktop.contains("MimeType={{mime_type}}"),
        "the associations' MIME types"
    );
    assert!(desktop.contains("StartupWMClass=duizhao"), "the window's app id");

    let (xml_source, xml_target) = deb["files"]
        .as_table()
        .expect("deb files")
        .iter()
        .find(|(k, _)| has_extension(k, "xml"))
        .expect("a shared-mime-info XML");
    assert!(
        xml_target
            .as_str()
            .is_some_and(|t| t.trim_start_matches('/').starts_with("usr/share/mime/packages/")),
        "{xml_target}: where shared-mime-info's trigger looks"
    );
    let xml = read(xml_source);
    let project = p["file-associations"]
        .as_array()
        .expect("associations")
        .iter()
        .find(|a| strings(&a["extensions"]) == [duizhao::project::EXTENSION])
        .expect("the project association");
    let mime = project["mime-type"].as_str().expect("mime");
    assert!(xml.contains(&format!("<mime-type type=\"{mime}\">")), "{xml}");
    assert!(
        xml.contains(&format!("<glob pattern=\"*.{}\"/>", duizhao::project::EXTENSION)),
        "{xml}"
    );
}

#[test]
fn the_release_workflow_packages_with_the_same_packager_on_every_system() {
    let workflow = read(".github/workflows/release.yml");
    for needed in [
        "ubuntu-latest",
        "macos-14",
        "macos-15-intel",
        "windows-latest",
        "cargo-packager --version 0.11.8",
    ] {
        assert!(workflow.contains(needed), "release.yml lacks {needed}");
    }
    let script = read("packaging/build-deb.sh");
    assert!(script.contains("cargo packager --release --formats deb"), "{script}");
}

#[path = "packaging/nsis.rs"]
mod nsis;

fn windows_installer() -> nsis::Installer {
    let p = packager();
    let template = read(p["nsis"]["template"].as_str().expect("nsis.template"));
    let associations: Vec<nsis::Association> = p["file-associations"]
        .as_array()
        .expect("file associations")
        .iter()
        .map(|a| nsis::Association {
            extensions: strings(&a["extensions"]),
            role: a["role"].as_str().expect("a role").to_owned(),
        })
        .collect();
    nsis::read(&template, &associations)
}

#[test]
fn the_windows_uninstaller_removes_every_registry_key_and_file_the_installer_writes() {
    let i = windows_installer();
    assert!(!i.install.writes.is_empty(), "the installer writes to the registry");
    for w in &i.install.writes {
        assert_eq!(w.root, "HKCU", "{w:?}: per user, no administrator");
        if let Some(why) = i.left_behind(w) {
            panic!("installer.nsi: {why}");
        }
    }
    for f in &i.install.files {
        assert!(i.uninstall.files.contains(f), "installer.nsi: {f} is never deleted");
    }
    for d in &i.install.folders {
        assert!(i.uninstall.folders.contains(d), "installer.nsi: {d} is never removed");
    }
    assert!(
        i.install
            .files
            .iter()
            .any(|f| f.starts_with("$SMPROGRAMS\\") && has_extension(f, "lnk")),
        "a Start-menu entry: {:?}",
        i.install.files
    );
    // Nothing is removed whole that is not the installer's own: a key it writes under, that
    // holds none of the shared keys it removes only when empty (.txt, Applications …), and
    // is not one every profile has.
    let shared = |key: &str| {
        i.uninstall
            .key_removals
            .iter()
            .any(|c| c.if_empty && nsis::is_within(&c.key, key))
            || nsis::BASE_KEYS.iter().any(|b| nsis::is_within(b, key))
    };
    for r in i.uninstall.key_removals.iter().filter(|r| !r.if_empty) {
        assert!(
            i.install
                .writes
                .iter()
                .any(|w| w.root == r.root && nsis::is_within(&w.key, &r.key))
                && !shared(&r.key),
            "installer.nsi: the uninstaller removes {} {} whole, which is not the installer's own",
            r.root,
            r.key
        );
    }
}

#[test]
fn the_windows_installer_opens_projects_and_only_offers_itself_for_the_documents() {
    let i = windows_installer();
    let classes = "Software\\Classes";
    let project = duizhao::project::EXTENSION;
    assert_eq!(i.defines["PROJECTEXT"], project);
    let written = |key: &str| -> Vec<&nsis::Write> { i.install.writes.iter().filter(|w| w.key == key).collect() };
    let mut extensions: Vec<&str> = duizhao::ingest::EXTENSIONS.to_vec();
    extensions.push(project);
    for ext in extensions {
        let key = format!("{classes}\\.{ext}");
        let defaults: Vec<&String> = written(&key)
            .iter()
            .filter(|w| w.name.is_empty())
            .map(|w| &w.value)
            .collect();
        let offered = written(&format!("{key}\\OpenWithProgids"));
        assert_eq!(offered.len(), 1, ".{ext}: one OpenWithProgids entry");
        let progid = &offered[0].name;
        let command = format!("{classes}\\{progid}\\shell\\open\\command");
        assert!(!written(&command).is_empty(), ".{ext}: {progid} has an open command");
        let supported = written(&format!(
            "{classes}\\Applications\\{{{{main_binary_name}}}}.exe\\SupportedTypes"
        ));
        assert!(
            supported.iter().any(|w| w.name == format!(".{ext}")),
            ".{ext}: in the app's SupportedTypes"
        );
        if ext == project {
            assert_eq!(defaults, [progid], ".{ext} opens in duizhao by default");
        } else {
            assert!(
                defaults.is_empty(),
                ".{ext}: offered under Open with, never the default"
            );
        }
        // Each is undone (the general check above covers them; this names the extension).
        for w in written(&key).into_iter().chain(offered) {
            assert_eq!(i.left_behind(w), None, ".{ext}");
        }
    }
}
