//! Pretty-printed JSON whose one long list is printed in parallel: the same bytes as
//! `serde_json::to_writer_pretty` of the whole value, with the list's elements made and
//! printed on every core a chunk at a time. Used by `align --json` (sections) and the JSON
//! export (passages), whose lists are tens of megabytes for a large corpus or document.

use rayon::prelude::*;
use serde::Serialize;

/// Elements printed between two writes.
const CHUNK: usize = 1024;

/// Write `frame` pretty-printed, with the list under its top-level `key` (empty in `frame`)
/// filled with `item(0) … item(n − 1)`, made and printed in parallel.
///
/// # Errors
/// Writing to `w` failed, or an element could not be serialised.
pub fn write_pretty_with_list<F, T>(
    w: &mut impl std::io::Write,
    frame: &impl Serialize,
    key: &str,
    n: usize,
    item: F,
) -> std::io::Result<()>
where
    F: Fn(usize) -> T + Sync,
    T: Serialize,
{
    let frame = serde_json::to_string_pretty(frame)?;
    // The frame's empty list at the top level: two spaces in (a string value cannot hold it:
    // its quotes would be escaped).
    let marker = format!("\n  \"{key}\": []");
    let at = frame
        .find(&marker)
        .ok_or_else(|| std::io::Error::other(format!("no top-level list \"{key}\" in the frame")))?;
    if n == 0 {
        return w.write_all(frame.as_bytes());
    }
    w.write_all(&frame.as_bytes()[..at + marker.len() - 1])?;
    for start in (0..n).step_by(CHUNK) {
        let printed: Vec<Vec<u8>> = (start..n.min(start + CHUNK))
            .into_par_iter()
            .map(|i| {
                let mut one = Vec::new();
                serde_json::to_writer_pretty(&mut one, &item(i))?;
                // An element of the list is indented two levels; a printed newline is never
                // inside a string (it is escaped there).
                let mut out = Vec::with_capacity(one.len() + one.len() / 8);
                out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
                for part in one.split_inclusive(|&b| b == b'\n') {
                    out.extend_from_slice(part);
                    if part.ends_with(b"\n") {
                        out.extend_from_slice(b"    ");
                    }
                }
                Ok(out)
            })
            .collect::<serde_json::Result<_>>()?;
        for p in printed {
            w.write_all(&p)?;
        }
    }
    w.write_all(b"\n  ]")?;
    w.write_all(&frame.as_bytes()[at + marker.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Frame {
        name: &'static str,
        items: Vec<Item>,
        after: Vec<u32>,
    }

    #[derive(Serialize, Clone)]
    struct Item {
        id: usize,
        text: String,
        nested: Vec<Vec<u8>>,
    }

    fn item(i: usize) -> Item {
        Item {
            id: i,
            text: format!("第{i}条\n\"引号\" \\ 换行"),
            nested: vec![vec![1, 2], Vec::new()],
        }
    }

    /// The bytes are `serde_json`'s own for the whole value, for no, one and more than a chunk
    /// of elements.
    #[test]
    fn same_bytes_as_printing_the_whole_value() {
        for n in [0, 1, 2, CHUNK + 3] {
            let whole = Frame {
                name: "x",
                items: (0..n).map(item).collect(),
                after: vec![1, 2],
            };
            let frame = Frame {
                items: Vec::new(),
                ..whole
            };
            let mut ours = Vec::new();
            write_pretty_with_list(&mut ours, &frame, "items", n, item).expect("printed");
            let whole = Frame {
                items: (0..n).map(item).collect(),
                ..frame
            };
            let expected = serde_json::to_vec_pretty(&whole).expect("printed");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&expected),
                "n = {n}"
            );
        }
    }

    #[test]
    fn a_frame_without_the_list_is_an_error() {
        let frame = serde_json::json!({"other": []});
        let mut out = Vec::new();
        assert!(write_pretty_with_list(&mut out, &frame, "items", 1, item).is_err());
    }
}
