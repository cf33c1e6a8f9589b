// Codicons for Fabric item types, for the tree and the quick picks.
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
