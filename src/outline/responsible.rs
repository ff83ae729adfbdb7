//! The responsible units a plan names beside its tasks.

use std::sync::LazyLock;

use regex::Regex;

static UNITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]\s*((?:责任|牵头|配合|主责|参与|实施|主办|承办)(?:单位|部门|主体|处室)[^（）()]*)[）)]")
        .expect("units regex")
});

/// Responsible units named in （责任单位：…）/（牵头单位：…；配合单位：…） parentheses.
#[must_use]
pub fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in UNITS.captures_iter(text) {
        for group in c[1].split(['；', ';']) {
            let Some((_, list)) = group.split_once(['：', ':']) else {
                continue;
            };
            let list = list.split('。').next().unwrap_or("");
            for u in list.split(['、', '，', ',']).map(crate::text::trim) {
                if !u.is_empty() && !out.iter().any(|o| o == u) {
                    out.push(u.to_owned());
                }
            }
        }
    }
    out
}
