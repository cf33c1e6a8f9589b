// @azure/identity (with MSAL) weighs more than the rest of the extension; it is loaded only when a
// service principal, Azure CLI or managed identity connection is used (the build emits this module
// as a separate file, see scripts/build.mjs), and by the MCP server (DefaultAzureCredential).
export { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
