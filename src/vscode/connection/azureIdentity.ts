// @azure/identity (with MSAL) weighs more than the rest of the extension; it is loaded only when a
// service principal, Azure CLI or managed identity connection is used (the build emits this module
// as a separate file, see scripts/build.mjs).
export { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
