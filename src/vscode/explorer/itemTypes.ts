// How Fabric item types read in the UI, from this one place: the codicon, the name of one item
// ("Data pipeline": quick picks, titles, messages) and of a type group ("Data pipelines").
import * as vscode from 'vscode';

interface TypeNames {
  icon: string;
  one: string;
  many: string;
}

const TYPES: Record<string, TypeNames> = {
  Notebook: { icon: 'notebook', one: 'Notebook', many: 'Notebooks' },
  DataPipeline: { icon: 'type-hierarchy', one: 'Data pipeline', many: 'Data pipelines' },
  Dataflow: { icon: 'symbol-event', one: 'Dataflow', many: 'Dataflows' },
  Lakehouse: { icon: 'database', one: 'Lakehouse', many: 'Lakehouses' },
  Warehouse: { icon: 'server', one: 'Warehouse', many: 'Warehouses' },
  SQLEndpoint: { icon: 'plug', one: 'SQL analytics endpoint', many: 'SQL analytics endpoints' },
  SemanticModel: { icon: 'graph', one: 'Semantic model', many: 'Semantic models' },
  Report: { icon: 'graph-line', one: 'Report', many: 'Reports' },
  Dashboard: { icon: 'dashboard', one: 'Dashboard', many: 'Dashboards' },
  PaginatedReport: { icon: 'file-pdf', one: 'Paginated report', many: 'Paginated reports' },
  SparkJobDefinition: { icon: 'zap', one: 'Spark job definition', many: 'Spark job definitions' },
  Environment: { icon: 'package', one: 'Environment', many: 'Environments' },
  KQLDatabase: { icon: 'database', one: 'KQL database', many: 'KQL databases' },
  KQLQueryset: { icon: 'search', one: 'KQL queryset', many: 'KQL querysets' },
  KQLDashboard: { icon: 'dashboard', one: 'KQL dashboard', many: 'KQL dashboards' },
  Eventhouse: { icon: 'server-process', one: 'Eventhouse', many: 'Eventhouses' },
  Eventstream: { icon: 'pulse', one: 'Eventstream', many: 'Eventstreams' },
  MLModel: { icon: 'beaker', one: 'ML model', many: 'ML models' },
  MLExperiment: { icon: 'beaker', one: 'ML experiment', many: 'ML experiments' },
  MirroredDatabase: { icon: 'mirror', one: 'Mirrored database', many: 'Mirrored databases' },
  CopyJob: { icon: 'copy', one: 'Copy job', many: 'Copy jobs' },
  VariableLibrary: { icon: 'symbol-variable', one: 'Variable library', many: 'Variable libraries' },
  GraphQLApi: { icon: 'symbol-interface', one: 'GraphQL API', many: 'GraphQL APIs' },
  Reflex: { icon: 'bell', one: 'Activator', many: 'Activators' },
};

/** A type this table does not know reads as its name split into words ("NewThing": "New thing"). */
function words(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
}

export function itemTypeIcon(type: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(TYPES[type]?.icon ?? 'symbol-misc');
}

/** The name of one item of the type: "Data pipeline". */
export function itemTypeName(type: string): string {
  return vscode.l10n.t(TYPES[type]?.one ?? words(type));
}

/** The label of the tree's group of the type: "Data pipelines". */
export function itemTypeGroupLabel(type: string): string {
  return vscode.l10n.t(TYPES[type]?.many ?? words(type));
}
