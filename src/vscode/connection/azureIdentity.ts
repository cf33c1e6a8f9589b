// @azure/identity (with MSAL) weighs more than the rest of the extension; it is loaded only when a
// service principal or Azure CLI connection is used (the build emits this module as a separate
// file, see scripts/build.mjs).
export { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
