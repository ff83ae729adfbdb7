//! `render-nsi CARGO_TOML TEMPLATE MAIN_EXE OUT_DIR`: writes OUT_DIR/installer.nsi as
//! cargo-packager 0.11.8's NSIS step would (crates/packager/src/package/nsis/mod.rs): the
//! template data it passes, its escaping of `{{value}}`s for NSIS strings, UTF-16 LE with a
//! BOM. Only the keys duizhao's template reads are filled in.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [manifest, template, exe, out] = &args[..] else {
        panic!("usage: render-nsi CARGO_TOML TEMPLATE MAIN_EXE OUT_DIR");
    };
    let root = manifest.parent().expect("the manifest's folder");
    let text = std::fs::read_to_string(manifest).expect("Cargo.toml");
    let cargo: toml::Table = text.parse().expect("Cargo.toml parses");
    let package = cargo["package"].as_table().expect("[package]");
    let packager = package["metadata"]["packager"].as_table().expect("packager");
    let nsis = packager["nsis"].as_table().expect("packager.nsis");
    let s = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    let canonical = |p: &str| canonical_string(&root.join(p));

    let version = s(package, "version");
    let mut data = Map::new();
    data.insert("product_name".into(), json!(s(packager, "product-name")));
    data.insert("identifier".into(), json!(s(packager, "identifier")));
    data.insert("manufacturer".into(), json!(s(packager, "publisher")));
    data.insert("short_description".into(), json!(s(package, "description")));
    data.insert("copyright".into(), json!(s(packager, "copyright")));
    // add_build_number_if_needed: no build metadata gives MAJOR.MINOR.PATCH.0.
    data.insert("version_with_build".into(), json!(format!("{version}.0")));
    data.insert("version".into(), json!(version));
    data.insert("arch".into(), json!("x64"));
    data.insert("install_mode".into(), json!(s(nsis, "installer-mode")));
    data.insert("installer_icon".into(), json!(canonical(&s(nsis, "installer-icon"))));
    data.insert("main_binary_name".into(), json!("duizhao"));
    data.insert("main_binary_path".into(), json!(canonical_string(exe)));
    data.insert("out_file".into(), json!("nsis-output.exe"));
    // generate_estimated_size: the main binary's bytes / 1000, as `{:#08x}`.
    let size = std::fs::metadata(exe).expect("the main binary").len() / 1000;
    data.insert("estimated_size".into(), json!(format!("{size:#08x}")));
    // FileAssociation serialises camelCase: extensions, mimeType, description, name, role.
    let associations: Vec<Value> = packager["file-associations"]
        .as_array()
        .expect("file associations")
        .iter()
        .map(|a| {
            let a = a.as_table().expect("an association");
            json!({
                "extensions": a["extensions"].as_array().expect("extensions")
                    .iter().map(|e| e.as_str().expect("an extension")).collect::<Vec<_>>(),
                "mimeType": a.get("mime-type").and_then(|v| v.as_str()),
                "description": a.get("description").and_then(|v| v.as_str()),
                "name": a.get("name").and_then(|v| v.as_str()),
                "role": a.get("role").and_then(|v| v.as_str()).unwrap_or("editor"),
            })
        })
        .collect();
    data.insert("file_associations".into(), Value::Array(associations));

    let mut handlebars = handlebars::Handlebars::new();
    handlebars.register_escape_fn(escape);
    let source = std::fs::read_to_string(template).expect("the template");
    handlebars
        .register_template_string("installer.nsi", source)
        .expect("the template parses");
    let rendered = handlebars
        .render("installer.nsi", &Value::Object(data))
        .expect("the template renders");
    std::fs::create_dir_all(out).expect("OUT_DIR");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in rendered.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(out.join("installer.nsi"), bytes).expect("write installer.nsi");
}

/// cargo-packager's escape function: a value may hold quotes and dollars and stays one NSIS
/// string.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("$\\\""),
            '$' => out.push_str("$$"),
            '`' => out.push_str("$\\`"),
            '\n' => out.push_str("$\\n"),
            '\t' => out.push_str("$\\t"),
            '\r' => out.push_str("$\\r"),
            _ => out.push(c),
        }
    }
    out
}

/// dunce::canonicalize's result, as a string: on Linux the plain canonical path, which
/// makensis reads as a Unix path.
fn canonical_string(p: &Path) -> String {
    p.canonicalize()
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .display()
        .to_string()
}
