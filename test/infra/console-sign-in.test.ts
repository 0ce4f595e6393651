// The console's sign-in in AWS: Cognito managed login on a domain of the user pool, branded for the
// app client, and an app client that allows the authorization-code flow only, returning to each
// county's console under the public base URL (the API's own URL unless a setting says otherwise).
import { describe, expect, it } from 'vitest';
import { DeploymentConfigError } from '../../lib/deployment-config.ts';
import { onlyResource, resourceById, synthesizeCounty } from './synthesize-county.ts';

const json = (value: unknown) => JSON.stringify(value);

describe('with a domain prefix and a public base URL set', () => {
  const { stack, template } = synthesizeCounty({
    skipBundling: true,
    context: {
      'safetynet:loginDomainPrefix': 'chiayi-safetynet-login',
      'safetynet:publicBaseUrl': 'https://safetynet.chiayi.example.gov.tw',
    },
  });
  const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
  const poolRef = { Ref: logicalIdOf(stack.api.userPool) };
  const clientRef = { Ref: logicalIdOf(stack.api.userPoolClient) };

  it('gives the user pool a managed-login domain with that prefix', () => {
    const [, domain] = onlyResource(template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties).toEqual({ Domain: 'chiayi-safetynet-login', UserPoolId: poolRef, ManagedLoginVersion: 2 });
  });

  it('brands managed login for the app client (without a style Cognito shows an error page)', () => {
    const [, branding] = onlyResource(template, 'AWS::Cognito::ManagedLoginBranding');
    expect(branding.Properties).toEqual({ UserPoolId: poolRef, ClientId: clientRef, UseCognitoProvidedValues: true });
  });

  it('lets the app client use the authorization-code flow only, back to each county\u2019s console', () => {
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    const properties = client.Properties ?? {};
    expect(properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
      CallbackURLs: ['https://safetynet.chiayi.example.gov.tw/c/chiayi-county/console/callback'],
      LogoutURLs: ['https://safetynet.chiayi.example.gov.tw/c/chiayi-county/console/signed-out'],
    });
    expect(json(properties)).not.toMatch(/implicit|client_credentials|example\.com/);
  });

  it('tells the console function where managed login is and where people reach the app', () => {
    const variables = (
      resourceById(template, logicalIdOf(stack.httpConsole.function)).Properties as { Environment: { Variables: Record<string, unknown> } }
    ).Environment.Variables;
    expect(variables.PUBLIC_BASE_URL).toBe('https://safetynet.chiayi.example.gov.tw/');
    const loginUrl = json(variables.SECRETARIAT_LOGIN_URL);
    expect(loginUrl).toContain(logicalIdOf(stack.api.loginDomain));
    expect(loginUrl).toContain('.auth.');
    expect(loginUrl).toContain('amazoncognito.com');
    // The dispatcher's links point at the same place.
    const dispatch = (
      resourceById(template, logicalIdOf(stack.dispatchOutbox.function)).Properties as {
        Environment: { Variables: Record<string, unknown> };
      }
    ).Environment.Variables;
    expect(dispatch.PUBLIC_BASE_URL).toBe('https://safetynet.chiayi.example.gov.tw/');
  });
});

describe('without those settings', () => {
  const { stack, template } = synthesizeCounty({ skipBundling: true, context: { 'safetynet:counties': ['chiayi-county'] } });
  const apiId = stack.getLogicalId(stack.api.api.node.defaultChild as never);

  it('names the domain after the stack and the account, which Cognito needs unique in the region', () => {
    const [, domain] = onlyResource(template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties?.Domain).toEqual({ 'Fn::Join': ['-', ['safetynetmeetings', { Ref: 'AWS::AccountId' }]] });
  });

  it("returns to the console under the API's own URL", () => {
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    const callbacks = client.Properties?.CallbackURLs as unknown[];
    expect(callbacks).toHaveLength(1);
    expect(json(callbacks[0])).toContain(apiId);
    expect(json(callbacks[0])).toContain('/c/chiayi-county/console/callback');
    expect(json(client.Properties)).not.toContain('example.com');
  });
});

describe('the settings are validated at synth', () => {
  it.each([
    ['safetynet:loginDomainPrefix', 'Chiayi_Login', /loginDomainPrefix: 須為 1 到 63 個小寫英文字母/],
    ['safetynet:loginDomainPrefix', 'my-aws-login', /loginDomainPrefix: Cognito 不接受含 aws、amazon 或 cognito 的前綴/],
    ['safetynet:publicBaseUrl', 'http://safetynet.example.gov.tw/', /publicBaseUrl: 須為 https:\/\/ 開頭的網址/],
    ['safetynet:publicBaseUrl', 'https://safetynet.example.gov.tw/?x=1', /publicBaseUrl: 網址不可含查詢字串/],
  ])('%s=%s is refused, naming the field', (key, value, message) => {
    let error: unknown;
    try {
      synthesizeCounty({ skipBundling: true, context: { [key]: value } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DeploymentConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
