// The contract between fake.html and the installed whatsapp-web.js: which WhatsApp Web modules the
// library's injected code asks for (`window.require('WA...')`, and the `module: 'WA...'` targets of
// its WWebJS.injectToFunction hooks), and which ones the fake page defines. The guard test
// (required-modules.test.ts) fails, naming the modules, when a library upgrade changes the list.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

import { buildFakePage } from './install-fake-web.js';

const require = createRequire(import.meta.url);

// `require('WAWebFoo')`, `require(\n 'WAWebFoo',\n)` (prettier's trailing comma), and the hook
// targets `{ module: 'WAWebFoo', function: ... }` that injectToFunction resolves with window.require.
const LIBRARY_REFERENCE = /\brequire\(\s*(['"`])(WA[A-Za-z0-9_$]*)\1\s*,?\s*\)|\bmodule:\s*(['"`])(WA[A-Za-z0-9_$]*)\3/g;
// The page registers each module with `define('WA...', ...)` at the start of a line.
const FAKE_DEFINITION = /^[ \t]*define\('(WA[A-Za-z0-9_$]*)'/gm;

/** Root of the installed whatsapp-web.js (the one packages/core depends on). */
export function libraryRoot(): string {
  return dirname(require.resolve('whatsapp-web.js/package.json'));
}

export function libraryVersion(): string {
  return (require('whatsapp-web.js/package.json') as { version: string }).version;
}

async function listJsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return listJsFiles(path);
      return Promise.resolve(e.name.endsWith('.js') ? [path] : []);
    }),
  );
  return nested.flat().sort();
}

/** Every WA module name the library's source references, with where (`src/Client.js:147`). */
export async function scanLibraryModuleReferences(): Promise<Map<string, string[]>> {
  const root = libraryRoot();
  const found = new Map<string, string[]>();
  for (const file of await listJsFiles(join(root, 'src'))) {
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(LIBRARY_REFERENCE)) {
      const name = (match[2] ?? match[4]) as string;
      const line = source.slice(0, match.index).split('\n').length;
      const where = `${relative(root, file)}:${line}`;
      found.set(name, [...(found.get(name) ?? []), where]);
    }
  }
  return found;
}

/** Sorted names of every WA module the installed library's injected code requires. */
export async function listLibraryRequiredModules(): Promise<string[]> {
  return [...(await scanLibraryModuleReferences()).keys()].sort();
}

/** Sorted names of the modules fake.html defines. */
export async function listFakeProvidedModules(): Promise<string[]> {
  const html = await buildFakePage();
  return [...new Set(Array.from(html.matchAll(FAKE_DEFINITION), (m) => m[1] as string))].sort();
}

/**
 * Hooks the library installs with WWebJS.injectToFunction, which does nothing when the module is
 * absent. The fake page does not define them; they are the only unknown names it may see required.
 */
export const OPTIONAL_HOOK_MODULES = [
  'WAWebAddonPollVoteTableMode', // vote_update events
  'WAWebBackendJobsCommon', // location messages arriving as protobuf (the page makes them as models)
  'WAWebE2EProtoUtils', // location and group-invite messages, likewise
] as const;

/**
 * Modules the library uses on paths fake.html does not cover. The page covers: boot, QR and
 * pairing-code linking, ready, state, logout (both sides), conflict/takeover, text messages (send,
 * reply, mentions, receive, acks), media (send image/video/audio/voice/document with caption,
 * receive, download and decrypt, expiry), locations, reactions (send, receive, the
 * message_reaction hook), edit, delete (for everyone and for this account), forward, chats,
 * message history, contacts, number lookup, mark read, presence, chat states (typing, recording).
 * Every name here must still be used by the library (the guard checks), so the list cannot go stale.
 */
export const NOT_COVERED = [
  ...OPTIONAL_HOOK_MODULES,
  // ciphertext placeholder resend (only for messages that arrive undecryptable)
  'WAWebNonMessageDataRequestPlaceholderMessageResendUtils',
  // media to channels (unencrypted upload), status media, stickers (webp conversion, sticker upload)
  'WAMediaCalculateFilehash',
  'WAWebImageUtils',
  'WAWebMediaUpdateMsg',
  'WAWebStartMediaUploadQpl',
  'WAWebUploadManager',
  // profile pictures (read and set)
  'WAWebContactProfilePicThumbBridge',
  // message actions other than react, edit, delete, forward: star (Cmd.sendStarMsgs), pin, info
  'WAWebApiMessageInfoStore',
  'WAWebPinInChatSchema',
  'WAWebPinMsgConstants',
  'WAWebSendPinMessageAction',
  // polls and scheduled events
  'WAWebGenerateEventCallLink',
  'WAWebPollsSendVoteMsgAction',
  'WAWebPollsVotesSchema',
  'WAWebSendEventEditMsgAction',
  'WAWebSendEventResponseMsgAction',
  // vCards (also text that starts with BEGIN:VCARD)
  'WAWebFrontendVcardUtils',
  'WAWebVcardGetNameFromParsed',
  'WAWebVcardParsingUtils',
  // bot mentions
  'WAWebBotMessageSecret',
  'WAWebBotProfileCollection',
  // status broadcasts
  'WAWebRevokeStatusAction',
  'WAWebSendStatusMsgAction',
  'WAWebStatusGatingUtils',
  // channels (newsletters)
  'WAJids',
  'WAWebChangeNewsletterOwnerAction',
  'WAWebCountriesNativeCountryNames',
  'WAWebDemoteNewsletterAdminAction',
  'WAWebEditNewsletterMetadataAction',
  'WAWebL10N',
  'WAWebLoadNewsletterPreviewChatAction',
  'WAWebMexAcceptNewsletterAdminInviteJob',
  'WAWebMexFetchNewsletterSubscribersJob',
  'WAWebMexRevokeNewsletterAdminInviteJob',
  'WAWebMsgDataFromModel',
  'WAWebNewsletterCreateQueryJob',
  'WAWebNewsletterDeleteAction',
  'WAWebNewsletterDemoteAdminJob',
  'WAWebNewsletterDirectorySearchAction',
  'WAWebNewsletterGatingUtils',
  'WAWebNewsletterMetadataQueryJob',
  'WAWebNewsletterModelUtils',
  'WAWebNewsletterSendMessageJob',
  'WAWebNewsletterSendMsgAction',
  'WAWebNewsletterSubscribeAction',
  'WAWebNewsletterSubscriberListAction',
  'WAWebNewsletterUnsubscribeAction',
  'WAWebNewsletterUpdateMsgsRecordsJob',
  'WAWebNewsletterUpdateUserSettingJob',
  // group management (reading a group chat is covered; changing one is not)
  'WASmaxGroupsAddParticipantsRPC',
  'WASmaxGroupsMembershipRequestsActionRPC',
  'WAWebApiMembershipApprovalRequestStore',
  'WAWebChatSendMessages',
  'WAWebExitGroupAction',
  'WAWebFindCommonGroupsContactAction',
  'WAWebGroupCreateJob',
  'WAWebGroupInviteJob',
  'WAWebGroupInviteV4Job',
  'WAWebGroupModifyInfoJob',
  'WAWebGroupQueryJob',
  'WAWebJidToWid',
  'WAWebMexFetchGroupInviteCodeJob',
  'WAWebModifyParticipantsGroupAction',
  'WAWebSetPropertyGroupAction',
  'WAWebWidToJid',
  // chat management: clear, delete, history sync
  'WAWebChatClearBridge',
  'WAWebDeleteChatAction',
  'WAWebSendNonMessageDataRequest',
  // contacts, profile and settings: block, about, push name, address book, devices, prefs
  'WAPhoneFindCC',
  'WAWebApiDeviceList',
  'WAWebBlockContactAction',
  'WAWebBlockContactUtils',
  'WAWebContactCollection',
  'WAWebContactStatusBridge',
  'WAWebDeleteContactAction',
  'WAWebPhoneUtils',
  'WAWebSaveContactAction',
  'WAWebSetPushnameConnAction',
  'WAWebUserPrefsGeneral',
  'WAWebUserPrefsNotifications',
  // business: orders, catalog, customer notes
  'WAWebBizGatingUtils',
  'WAWebBizOrderBridge',
  'WAWebBizProductCatalogBridge',
  'WAWebNoteAction',
  // calls (rejectCall) and the UI controller
  'WADeprecatedSendIq',
  'WAWap',
  'WAWebChatMessageSearch',
  'WAWebDrawerManager',
] as const;

export interface ModuleContractReport {
  libraryVersion: string;
  required: string[];
  provided: string[];
  /** Required, not provided, not in NOT_COVERED: the page needs them or the list must say why not. */
  missing: string[];
  /** In NOT_COVERED but no longer referenced by the library: delete them from the list. */
  staleNotCovered: string[];
  /** Defined by the page but no longer referenced by the library: delete them from the page. */
  unusedProvided: string[];
  /** Both provided and declared not covered: pick one. */
  contradictory: string[];
  /** Where each missing module is referenced, for the failure message. */
  missingWhere: Record<string, string[]>;
}

export async function checkModuleContract(): Promise<ModuleContractReport> {
  const references = await scanLibraryModuleReferences();
  const required = [...references.keys()].sort();
  const provided = await listFakeProvidedModules();
  const requiredSet = new Set(required);
  const providedSet = new Set(provided);
  const notCovered = new Set<string>(NOT_COVERED);
  const missing = required.filter((n) => !providedSet.has(n) && !notCovered.has(n));
  return {
    libraryVersion: libraryVersion(),
    required,
    provided,
    missing,
    staleNotCovered: [...notCovered].filter((n) => !requiredSet.has(n)).sort(),
    unusedProvided: provided.filter((n) => !requiredSet.has(n)),
    contradictory: provided.filter((n) => notCovered.has(n)),
    missingWhere: Object.fromEntries(missing.map((n) => [n, references.get(n) ?? []])),
  };
}
