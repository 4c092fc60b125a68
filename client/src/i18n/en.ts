import { sessionMessagesEn } from './sessionMessages'
import { shapeTermsIn } from './shapeTerms'

/**
 * English strings: the reference dictionary. Every key here must also exist in `zhTW.ts`
 * (the type `Messages` enforces it). Placeholders are written `{name}`.
 */
export const en = {
  // Facilitated sessions: roles, sharing, steps, timer, follow, voting (sessionMessages.ts).
  ...sessionMessagesEn,
  appName: 'Civic Canvas',
  appTagline: 'A shared canvas for design-thinking workshops on digital public services.',
  homeIntro:
    'Plan a digital public service with your team, from every stakeholder’s side: open a board, share its link, and work on it together in real time.',
  boardDocumentTitle: 'Board {boardId} · {appName}',

  createBoardHeading: 'Start a workshop board',
  createBoard: 'New board',
  creatingBoard: 'Creating board…',
  createBoardHint: 'Anyone with the board’s link can join and edit.',
  createFailedNetwork: 'Could not reach the server to create a board. Check your connection and try again.',
  createFailedServer: 'The server could not create a board (error {status}). Try again in a moment.',
  createFailedBadResponse:
    'The server gave an unexpected answer when creating a board. Try again, or ask whoever runs this server.',

  recentBoardsHeading: 'Recent boards',
  recentBoardsEmpty: 'Boards you open appear here. This list stays on this device.',
  recentBoardName: 'Board {boardId}',
  recentBoardOpened: 'Opened {when}',
  recentBoardRemove: 'Remove',
  recentBoardRemoveLabel: 'Remove board {boardId} from this list (the board itself is kept)',

  joinHeading: 'Join a board',
  joinLabel: 'Board link or ID',
  joinPlaceholder: 'https://…/b/… or a board ID',
  joinSubmit: 'Open board',
  joinErrorEmpty: 'Paste a board link or a board ID first.',
  joinErrorNotBoardLink: 'That link does not lead to a board. A board link ends in /b/ followed by the board ID.',
  joinErrorInvalidId: 'That board ID is not valid: it has 16 to 64 letters, digits, “-” or “_”.',

  languageSwitchLabel: 'Language: {current}. Switch to {other}',
  localeNameEn: 'English',
  localeNameZhTW: '繁體中文',

  nameDialogTitle: 'What should others call you?',
  nameDialogRenameTitle: 'Change your name',
  nameDialogHint: 'Your name is shown next to your cursor on shared boards. It is kept on this device.',
  nameLabel: 'Display name',
  nameSubmit: 'Continue',
  nameSave: 'Save',
  nameCancel: 'Cancel',
  nameRequired: 'Enter a name of 1 to {max} characters.',
  userNameButtonLabel: 'You appear as {name}. Change your name',

  homeLink: 'All boards',
  homeLinkLabel: 'Back to the home page',
  boardLabel: 'Board',
  copyLink: 'Copy link',
  copyLinkLabel: 'Copy this board’s link to invite others',
  linkCopied: 'Link copied',
  copyFailed: 'Could not copy. Copy the link from the address bar instead.',

  statusConnecting: 'Connecting…',
  statusConnected: 'Connected',
  statusReconnecting: 'Reconnecting…',
  statusOffline: 'Offline',
  unsentChangesOne: '1 unsent change',
  unsentChangesMany: '{count} unsent changes',
  savedLocally: 'saved on this device',
  statusOfflineHint: 'You can keep working: changes are kept on this device and sent when the connection returns.',

  boardLoading: 'Opening board…',
  errorNewerSchemaTitle: 'This board was saved by a newer version.',
  errorNewerSchemaBody: 'Reload to update.',
  reload: 'Reload',
  errorLoadFailedTitle: 'This board could not be loaded.',
  errorLoadFailedBody: 'Check your connection and try again.',
  errorDetails: 'Details: {message}',
  retry: 'Try again',

  invalidLinkTitle: 'Board not found',
  invalidLinkBody: 'This link does not lead to a board. Check that the whole link was copied.',
  pageNotFoundTitle: 'Page not found',
  pageNotFoundBody: 'There is nothing at this address.',
  goHome: 'Go to the home page',

  // Design-thinking tools and the BRiCS panel (course terms come from shared/i18n-terms.ts).
  ...shapeTermsIn('en'),
  bricsToggle: 'BRiCS',
  bricsToggleLabel: 'Show or hide the BRiCS stakeholder analysis beside the board',
  bricsPanelTitle: 'BRiCS stakeholder analysis',
  bricsPanelClose: 'Close the BRiCS panel',
  bricsMatrixCaption: 'Stakeholders × Benefit, Risk, Cost. Editing an entry here edits its card on the board.',
  bricsColStakeholder: 'Stakeholder',
  bricsColSteps: 'Steps that depend on it',
  'bricsKind.benefits': 'benefit',
  'bricsKind.risks': 'risk',
  'bricsKind.costs': 'cost',
  bricsEntryLabel: '{kind} entry {n} of {name}',
  bricsCarrierLabel: 'Who carries {kind} entry {n} of {name}',
  bricsAddEntry: 'Add',
  bricsAddEntryLabel: 'Add a {kind} entry to {name}',
  bricsRemoveEntry: 'Remove',
  bricsRemoveEntryLabel: 'Remove {kind} entry {n} of {name}',
  bricsNoStakeholders: 'No stakeholder cards on this board yet. Add one from the toolbar.',
  bricsStepsCaption: 'Blueprint steps and the stakeholders they depend on',
  bricsColStep: 'Step',
  bricsColLane: 'Lane',
  bricsColStakeholders: 'Stakeholders',
  bricsNoSteps: 'No blueprint steps yet: put notes into a service blueprint’s front-stage, back-stage or support lane.',
  bricsNone: 'none',
  bricsShowOnBoard: 'Show “{name}” on the board',
  bricsUnnamed: '(unnamed)',
  bricsEmptyStep: '(empty note)',
  bricsChecksHeading: 'Checks',
  bricsChecksPass: 'All four checks pass.',
  bricsIssueStepWithoutStakeholder: 'Step “{step}” ({lane}) depends on no stakeholder.',
  bricsIssueBenefitWithoutCost: '{name} has benefits but no cost listed.',
  bricsIssueRiskWithoutCarrier: 'Risk “{risk}” of {name} is carried by nobody.',
  bricsIssueStakeholderWithoutStep: 'No blueprint step depends on {name}.',
  linkStakeholder: 'Link stakeholder',
  linkStakeholderPick: 'Pick a card on the board…',
  linkStakeholderPickHint: 'Click a stakeholder card to link it to the step. Esc cancels.',

  // New board: templates (client/src/home/templateChoices.ts)
  templatePickerLegend: 'Start from',
  templateBlankName: 'Blank board',
  templateBlankDescription: 'An empty canvas, with the design-thinking shapes at hand.',
  templateFiveStepName: 'Five-step workshop',
  templateFiveStepDescription: 'Five frames from empathize to test, each with its prompt and starting content.',
  templateDataRequestHelperName: 'Example: Data Request Helper',
  templateDataRequestHelperDescription: 'The course case, filled in: personas, journey map, blueprint and BRiCS.',
  templateBusArrivalName: 'Example: Taipei bus arrival app',
  templateBusArrivalDescription: 'A filled BRiCS board: riders, app maker, city, telecoms and civic groups.',
  boardNameLabel: 'Board name (optional)',
  createBoardFacilitatorHint: 'You open the new board as its facilitator; share the participant link with your group.',
} as const

/** A key of our UI dictionary. */
export type MessageKey = keyof typeof en

/** A full dictionary: exactly the keys of `en`, each a string. */
export type Messages = { readonly [K in MessageKey]: string }
