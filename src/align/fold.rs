//! The form text takes for matching only: full/half width folded, Latin lower-cased,
//! whitespace removed, traditional characters folded to simplified. Never shown.
//!
//! `fast2s` maps character to character, so the folded text has as many chars as the
//! original minus its whitespace.

/// Matching form of `s`.
#[must_use]
pub fn matching_form(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(crate::text::fold_width_char)
        .filter(|c| !crate::text::is_space(*c))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    fast2s::convert(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_full_width_fold_to_one_form() {
        assert_eq!(
            matching_form("線上教育　與 遠距醫療"),
            matching_form("线上教育与远距医疗")
        );
        assert_eq!(matching_form("ＩＰｖ６網絡"), "ipv6网络");
        assert_eq!(matching_form("數據開放"), "数据开放");
    }
}
