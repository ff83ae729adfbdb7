//! Reads packaging/windows/installer.nsi (the NSIS template cargo-packager renders) far enough
//! to list what its installer writes and what its uninstaller removes: the associations' loop
//! is expanded for each extension of Cargo.toml's file associations, `!define`s and
//! `!insertmacro`s are expanded, and each section's registry and file instructions are
//! collected. Only the statements the template uses are understood; anything else that
//! writes or deletes fails the test, so it cannot be skipped unnoticed.

use std::collections::BTreeMap;

/// One association of Cargo.toml: its extensions and its role ("editor", "viewer").
pub struct Association {
    pub extensions: Vec<String>,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    pub root: String,
    pub key: String,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRemoval {
    pub root: String,
    pub key: String,
    /// `/ifempty`, `/ifnosubkeys`, `/ifnovalues`: removed only when nothing else is in it.
    pub if_empty: bool,
}

#[derive(Debug, Default)]
pub struct Section {
    pub writes: Vec<Write>,
    /// `DeleteRegValue`: (root, key, name).
    pub value_removals: Vec<(String, String, String)>,
    pub key_removals: Vec<KeyRemoval>,
    /// Files the installer puts down (`File`, `WriteUninstaller`, `CreateShortcut`) or the
    /// uninstaller deletes (`Delete`).
    pub files: Vec<String>,
    /// `SetOutPath` (installer) or `RMDir` (uninstaller).
    pub folders: Vec<String>,
}

pub struct Installer {
    pub defines: BTreeMap<String, String>,
    pub install: Section,
    pub uninstall: Section,
}

const EACH_ASSOCIATION: &str = "{{#each file_associations as |association| ~}}";
const EACH_EXTENSION: &str = "{{#each association.extensions as |ext| ~}}";
const END_EACH: &str = "{{/each}}";

/// The template with its association loops rendered as cargo-packager's handlebars would
/// (only `{{ext}}` and `{{association.role}}` are used in them).
fn expand_association_loops(template: &str, associations: &[Association]) -> Vec<String> {
    let lines: Vec<&str> = template.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != EACH_ASSOCIATION {
            assert!(
                !lines[i].contains("{{#each") && !lines[i].contains(END_EACH),
                "a loop this test does not read: {}",
                lines[i]
            );
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        }
        assert_eq!(lines[i + 1].trim(), EACH_EXTENSION, "the association loop's shape");
        let body_start = i + 2;
        let body_end = (body_start..lines.len())
            .find(|&j| lines[j].trim() == END_EACH)
            .expect("the extension loop ends");
        assert_eq!(lines[body_end + 1].trim(), END_EACH, "the association loop ends");
        for a in associations {
            for ext in &a.extensions {
                for line in &lines[body_start..body_end] {
                    let line = line.replace("{{ext}}", ext).replace("{{association.role}}", &a.role);
                    assert!(!line.contains("{{"), "a loop value this test does not know: {line}");
                    out.push(line);
                }
            }
        }
        i = body_end + 2;
    }
    out
}

/// NSIS arguments: words, or strings quoted with `"`, `'` or a backtick.
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == ';' || c == '#' {
            break;
        } else if matches!(c, '"' | '\'' | '`') {
            chars.next();
            let mut s = String::new();
            for d in chars.by_ref() {
                if d == c {
                    break;
                }
                s.push(d);
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_whitespace() {
                    break;
                }
                s.push(d);
                chars.next();
            }
            out.push(s);
        }
    }
    out
}

/// `${NAME}` replaced by its `!define`, until none is left that is defined.
fn resolve(text: &str, defines: &BTreeMap<String, String>) -> String {
    let mut s = text.to_owned();
    for _ in 0..16 {
        let before = s.clone();
        for (name, value) in defines {
            s = s.replace(&format!("${{{name}}}"), value);
        }
        if s == before {
            return s;
        }
    }
    panic!("!defines that refer to each other: {text}");
}

struct Macro {
    params: Vec<String>,
    body: Vec<String>,
}

fn expand(line: &str, macros: &BTreeMap<String, Macro>, out: &mut Vec<String>) {
    let t = tokens(line);
    if t.first().map(String::as_str) != Some("!insertmacro") {
        out.push(line.to_owned());
        return;
    }
    let name = &t[1];
    let Some(m) = macros.get(name) else {
        // MUI's own macros write nothing to the registry.
        assert!(name.starts_with("MUI_"), "an unknown macro: {line}");
        return;
    };
    assert_eq!(t.len() - 2, m.params.len(), "{line}: arguments");
    for body_line in &m.body {
        let mut l = body_line.clone();
        for (p, v) in m.params.iter().zip(&t[2..]) {
            l = l.replace(&format!("${{{p}}}"), v);
        }
        expand(&l, macros, out);
    }
}

fn collect(lines: &[String], defines: &BTreeMap<String, String>) -> Section {
    let mut s = Section::default();
    for line in lines {
        let t: Vec<String> = tokens(&resolve(line, defines));
        let Some(op) = t.first() else { continue };
        let arg = |i: usize| t.get(i).cloned().unwrap_or_default();
        match op.as_str() {
            "WriteRegStr" | "WriteRegExpandStr" | "WriteRegDWORD" | "WriteRegBin" | "WriteRegMultiStr"
            | "WriteRegNone" => s.writes.push(Write {
                root: arg(1),
                key: arg(2),
                name: arg(3),
                value: arg(4),
            }),
            "DeleteRegValue" => s.value_removals.push((arg(1), arg(2), arg(3))),
            "DeleteRegKey" => {
                let flags: Vec<&String> = t[1..].iter().take_while(|a| a.starts_with('/')).collect();
                let n = flags.len();
                s.key_removals.push(KeyRemoval {
                    root: arg(1 + n),
                    key: arg(2 + n),
                    if_empty: !flags.is_empty(),
                });
            }
            "File" => {
                let name = t[1..]
                    .iter()
                    .find_map(|a| a.strip_prefix("/oname="))
                    .unwrap_or_else(|| panic!("{line}: File without /oname="));
                s.files.push(format!("$INSTDIR\\{name}"));
            }
            "WriteUninstaller" | "CreateShortcut" | "Delete" => s.files.push(arg(1)),
            "SetOutPath" | "RMDir" => s.folders.push(arg(1)),
            "WriteINIStr" | "CreateDirectory" | "CopyFiles" | "Rename" | "WriteRegBinary" => {
                panic!("an instruction this test does not check: {line}")
            }
            _ => {}
        }
    }
    s
}

pub fn read(template: &str, associations: &[Association]) -> Installer {
    let lines = expand_association_loops(template, associations);
    let mut defines = BTreeMap::new();
    let mut macros = BTreeMap::new();
    let mut sections: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut i = 0;
    while i < lines.len() {
        let t = tokens(&lines[i]);
        match t.first().map(String::as_str) {
            Some("!define") if t.len() >= 3 && !t[1].starts_with('/') => {
                defines.insert(t[1].clone(), t[2].clone());
            }
            Some("!macro") => {
                let end = (i..lines.len())
                    .find(|&j| lines[j].trim() == "!macroend")
                    .expect("!macroend");
                let m = Macro {
                    params: t[2..].to_vec(),
                    body: lines[i + 1..end].to_vec(),
                };
                macros.insert(t[1].clone(), m);
                i = end;
            }
            Some("Section") => {
                let end = (i..lines.len())
                    .find(|&j| lines[j].trim() == "SectionEnd")
                    .expect("SectionEnd");
                let name = t.get(1).cloned().unwrap_or_default();
                let mut body = Vec::new();
                for l in &lines[i + 1..end] {
                    expand(l, &macros, &mut body);
                }
                assert!(sections.insert(name, body).is_none(), "two sections of one name");
                i = end;
            }
            Some("Function") => {
                let end = (i..lines.len())
                    .find(|&j| lines[j].trim() == "FunctionEnd")
                    .expect("FunctionEnd");
                let body = lines[i + 1..end].join("\n");
                assert!(
                    !body.contains("WriteReg") && !body.contains("DeleteReg"),
                    "registry work in a function, where this test does not look: {}",
                    t[1]
                );
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    let names: Vec<&String> = sections.keys().collect();
    assert_eq!(names, ["Install", "Uninstall"], "the template's sections");
    Installer {
        install: collect(&sections["Install"], &defines),
        uninstall: collect(&sections["Uninstall"], &defines),
        defines,
    }
}

/// Keys that exist on every Windows profile: an installer neither creates nor removes them.
pub const BASE_KEYS: &[&str] = &["Software\\Classes", "Software\\Microsoft\\Windows\\CurrentVersion"];

pub fn is_within(key: &str, ancestor: &str) -> bool {
    key == ancestor || key.starts_with(&format!("{ancestor}\\"))
}

impl Installer {
    /// Why a write would outlive the uninstaller, if it would: its value must be deleted
    /// (`DeleteRegValue`, or an unconditional `DeleteRegKey` of its key or above), and its
    /// key and every parent below a [`BASE_KEYS`] entry must be removed at least when left
    /// empty.
    pub fn left_behind(&self, w: &Write) -> Option<String> {
        let u = &self.uninstall;
        let removed_whole = |key: &str| {
            u.key_removals
                .iter()
                .any(|r| !r.if_empty && r.root == w.root && is_within(key, &r.key))
        };
        let value_removed = u
            .value_removals
            .iter()
            .any(|(root, key, name)| *root == w.root && *key == w.key && *name == w.name);
        if !value_removed && !removed_whole(&w.key) {
            return Some(format!("{} {} value {:?} is never deleted", w.root, w.key, w.name));
        }
        let base = BASE_KEYS
            .iter()
            .find(|b| w.key.starts_with(&format!("{b}\\")))
            .unwrap_or_else(|| panic!("{}: under none of {BASE_KEYS:?}", w.key));
        let mut key = w.key.as_str();
        while key != *base {
            let removed = removed_whole(key) || u.key_removals.iter().any(|r| r.root == w.root && r.key == key);
            if !removed {
                return Some(format!(
                    "{} {key} (made by writing {:?}) is never removed",
                    w.root, w.name
                ));
            }
            key = &key[..key.rfind('\\').expect("a parent")];
        }
        None
    }
}
