/** Public API of the exporters: pure functions from a profile to the documents other tools read. */
export {
  EXPORT_METRICS,
  estimateCellMetric,
  estimateP95Latency,
  formatBenchmarkPrefix,
  listExportCells,
  listUnmeasuredCells,
  type ExportCell,
  type ExportOptions,
  type MetricEstimate,
} from './export-cells.js';
export { BMF_MEASURES, BYTES_PER_MB, NANOSECONDS_PER_MS, exportBmf } from './export-bmf.js';
export { GAB_METRICS, exportGab, formatPlainNumber } from './export-gab.js';
export { exportServeBmf, exportServeGab, listServeNotes } from './export-serve.js';
export {
  EXPORT_FORMATS,
  exportProfile,
  exportServeProfile,
  readExportFormat,
  selectExporter,
  serializeExport,
  type ExportFormat,
  type Exported,
  type Exporter,
} from './exporters.js';
export * from './export-schemas.js';
