//! The tables policy-tool studies publish, for the chosen documents: the policy-tool ×
//! domain cross-table (one block per document and one pooled, as the export writes it) and
//! the per-document tool-group counts the chart draws. Rebuilt with the derived data.

use super::AppState;
use crate::export::tables::Block;

/// One document's items per tool group (供给型 / 环境型 / 需求型 …), for the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolGroups {
    pub doc: crate::model::DocIx,
    /// (group, items) in the taxonomy's order.
    pub groups: Vec<(String, usize)>,
}

impl AppState {
    pub(super) fn rebuild_tables(&mut self) {
        self.derived.crosstab.clear();
        self.derived.tool_groups.clear();
        self.derived.chart = None;
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
        self.derived.chart = Some(crate::export::chart::chart(
            self.tables_chart,
            &input,
            &selected,
            &blocks,
        ));
        self.derived.tool_groups = selected
            .docs
            .iter()
            .zip(&blocks)
            .map(|(&doc, block)| ToolGroups {
                doc,
                groups: crate::export::chart::group_totals(block),
            })
            .collect();
        self.derived.crosstab = blocks;
    }

    /// The cross-table's blocks: one per chosen document, then the pooled one.
    #[must_use]
    pub fn crosstab(&self) -> &[Block] {
        &self.derived.crosstab
    }

    /// The chart shown (and saved) for the chosen documents.
    #[must_use]
    pub fn chart(&self) -> Option<&crate::export::chart::Chart> {
        self.derived.chart.as_ref()
    }

    /// Save the chart shown as SVG or PNG, in the background (`None`: ask where first).
    pub(super) fn save_chart(&mut self, image: crate::export::chart::Image, path: Option<std::path::PathBuf>) {
        use super::messages::Topic;
        let Some(path) = path else {
            self.effect(super::Effect::Dialog(crate::app::dialog::Purpose::SaveChart(image)));
            return;
        };
        let Some(chart) = self.derived.chart.clone().filter(|c| !c.is_empty()) else {
            self.messages.push(
                Topic::Export,
                "No chart to save: choose documents with aligned sections first",
                true,
            );
            return;
        };
        if self.export_job.is_some() {
            self.messages.push(
                Topic::Export,
                "An export is being written: save the chart when it is done",
                true,
            );
            return;
        }
        self.export_job = Some(crate::app::jobs::start_chart(path, chart, image, self.wake.clone()));
    }

    /// Per chosen document, its items per tool group.
    #[must_use]
    pub fn tool_groups(&self) -> &[ToolGroups] {
        &self.derived.tool_groups
    }
}
