//! Unnamed groups: uncategorised sections of different documents that resemble each other,
//! linked by their neighbours and named by the words they share.

use super::GROUP_SIM;
use super::alignment::{Assignment, Leaf, UnnamedGroup};
use super::features::TfIdf;

/// Link uncategorised leaves of different documents that are similar enough; every
/// connected set spanning two or more documents becomes a group.
pub(super) fn unnamed_groups(
    assignments: &mut [Assignment],
    leaves: &[Leaf],
    neighbours: &[Vec<(usize, f32)>],
    features: &dyn Fn(usize) -> Vec<String>,
    tfidf: &TfIdf,
) -> Vec<UnnamedGroup> {
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let n = assignments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, near) in neighbours.iter().enumerate().take(n) {
        if assignments[i].primary.is_some() {
            continue;
        }
        for &(j, sim) in near {
            if sim >= GROUP_SIM && assignments[j].primary.is_none() {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, a) in assignments.iter().enumerate() {
        if a.primary.is_none() {
            let r = find(&mut parent, i);
            members.entry(r).or_default().push(i);
        }
    }
    let mut groups = Vec::new();
    for (_, m) in members {
        let docs: std::collections::BTreeSet<crate::model::DocIx> = m.iter().map(|&i| leaves[i].doc).collect();
        if docs.len() < 2 {
            continue;
        }
        let gi = groups.len();
        for &i in &m {
            assignments[i].group = Some(gi);
        }
        groups.push(UnnamedGroup {
            label: shared_words(&m, features, tfidf),
            members: m,
        });
    }
    groups
}

/// A provisional name: the words (not bigrams) shared by two or more members, weighted by
/// how many members have them and how rare they are in the whole set.
fn shared_words(members: &[usize], features: &dyn Fn(usize) -> Vec<String>, tfidf: &TfIdf) -> String {
    // word → (members having it, occurrences in all members)
    let mut count: std::collections::BTreeMap<String, (usize, usize)> = std::collections::BTreeMap::new();
    for &m in members {
        let mut seen = std::collections::BTreeSet::new();
        for w in features(m)
            .into_iter()
            .filter(|w| !w.starts_with('\u{B2}') && w.chars().count() >= 2)
        {
            if seen.insert(w.clone()) {
                count.entry(w.clone()).or_insert((0, 0)).0 += 1;
            }
            count.entry(w).or_insert((0, 0)).1 += 1;
        }
    }
    let mut words: Vec<(&str, f32)> = count
        .iter()
        .filter(|(_, (m, _))| *m >= 2)
        .map(|(w, (_, n))| (w.as_str(), *n as f32 * tfidf.idf(w)))
        .collect();
    words.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.0.chars().count().cmp(&a.0.chars().count()))
            .then(a.0.cmp(b.0))
    });
    words.iter().take(3).map(|(w, _)| *w).collect::<Vec<_>>().join("·")
}
