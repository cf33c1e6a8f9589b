// @azure/identity (with MSAL) and its VS Code plugin weigh more than the rest of the extension;
// they are loaded only when a service principal, Azure CLI or Azure Resources connection is used
// (the build emits this module as a separate file, see scripts/build.mjs).
export { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, VisualStudioCodeCredential, useIdentityPlugin } from '@azure/identity';
export { vsCodePlugin } from '@azure/identity-vscode';
