/**
 * Something about setting up a county that the person has to fix: a county id that cannot be
 * one, a file that already exists. `argument` names what they typed wrong (`<縣市代號>`,
 * `--name`); the message is zh-TW and complete, so a front end prints it as it is.
 */
export class OnboardingError extends Error {
  constructor(
    message: string,
    readonly argument?: string,
  ) {
    super(message);
    this.name = 'OnboardingError';
  }
}
