//! The tables policy-tool studies publish, for the chosen documents: the policy-tool ×
//! domain cross-table (one block per document and one pooled, as the export writes it) and
//! the per-document tool-group counts the chart draws. Rebuilt with the derived data.

use super::AppState;
use crate::export::tables::{Block, Value};

/// One document's items per tool group (供给型 / 环境型 / 需求型 …), for the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolGroups {
    pub doc: usize,
    /// (group, items) in the taxonomy's order.
    pub groups: Vec<(String, usize)>,
}

impl AppState {
    pub(super) fn rebuild_tables(&mut self) {
        self.derived.crosstab.clear();
        self.derived.tool_groups.clear();
        let Some(a) = &self.analysis else { return };
        if self.chosen.is_empty() {
            return;
        }
        let notes = crate::export::Notes::new();
        let input = crate::export::Input {
            docs: &self.docs,
            alignment: &a.alignment,
            taxonomy: &a.aligner.taxonomy,
            targets: &a.targets,
            notes: &notes,
        };
        let selection = crate::export::Selection::Matrix {
            docs: self.chosen.iter().map(|&d| self.docs[d].id.clone()).collect(),
            domains: Vec::new(),
        };
        let Ok(selected) = crate::export::select(&input, &selection) else {
            return;
        };
        let blocks = crate::export::tables::crosstab(&input, &selected);
        self.derived.tool_groups = selected
            .docs
            .iter()
            .zip(&blocks)
            .map(|(&doc, block)| ToolGroups {
                doc,
                groups: group_totals(block),
            })
            .collect();
        self.derived.crosstab = blocks;
    }

    /// The cross-table's blocks: one per chosen document, then the pooled one.
    #[must_use]
    pub fn crosstab(&self) -> &[Block] {
        &self.derived.crosstab
    }

    /// Per chosen document, its items per tool group.
    #[must_use]
    pub fn tool_groups(&self) -> &[ToolGroups] {
        &self.derived.tool_groups
    }
}

/// A block's group subtotal rows (a group name, no tool id) with their totals.
fn group_totals(block: &Block) -> Vec<(String, usize)> {
    let total_col = block.header.len().saturating_sub(2);
    block
        .rows
        .iter()
        .filter_map(|row| match (row.first(), row.get(1), row.get(total_col)) {
            (Some(Value::Text(g)), Some(Value::Text(id)), Some(Value::Count(n))) if !g.is_empty() && id.is_empty() => {
                Some((g.clone(), *n))
            }
            _ => None,
        })
        .collect()
}
