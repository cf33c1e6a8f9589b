// Codicons and plural labels for Fabric item types, for the tree and the quick picks.
import * as vscode from 'vscode';

const ICONS: Record<string, string> = {
  Notebook: 'notebook',
  DataPipeline: 'type-hierarchy',
  Dataflow: 'symbol-event',
  Lakehouse: 'database',
  Warehouse: 'server',
  SQLEndpoint: 'plug',
  SemanticModel: 'graph',
  Report: 'graph-line',
  Dashboard: 'dashboard',
  PaginatedReport: 'file-pdf',
  SparkJobDefinition: 'zap',
  Environment: 'package',
  KQLDatabase: 'database',
  KQLQueryset: 'search',
  KQLDashboard: 'dashboard',
  Eventhouse: 'server-process',
  Eventstream: 'pulse',
  MLModel: 'beaker',
  MLExperiment: 'beaker',
  MirroredDatabase: 'mirror',
  CopyJob: 'copy',
  VariableLibrary: 'symbol-variable',
  GraphQLApi: 'symbol-interface',
  Reflex: 'bell',
};

export function itemTypeIcon(type: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(ICONS[type] ?? 'symbol-misc');
}

/** Labels of the tree's type groups; other types read as their name split into words. */
const PLURALS: Record<string, string> = {
  DataPipeline: 'Data pipelines',
  Dataflow: 'Dataflows',
  Notebook: 'Notebooks',
  Lakehouse: 'Lakehouses',
  Warehouse: 'Warehouses',
  SQLEndpoint: 'SQL analytics endpoints',
  SemanticModel: 'Semantic models',
  Report: 'Reports',
  SparkJobDefinition: 'Spark job definitions',
  Environment: 'Environments',
  KQLDatabase: 'KQL databases',
  KQLQueryset: 'KQL querysets',
  MLModel: 'ML models',
  MLExperiment: 'ML experiments',
};

export function itemTypeGroupLabel(type: string): string {
  return vscode.l10n.t(PLURALS[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2'));
}
