import { describe, expect, it } from 'vitest';
import { classifyBody, classifyInbound, DEFAULT_POLICY, normalizeBody, twilioFilter } from '../../src/core/keywords.js';

const AFTER = Date.UTC(2026, 0, 1);
const BEFORE = Date.UTC(2025, 4, 13, 23, 59, 59);

describe('normalising inbound bodies', () => {
  it.each([
    [' Opt-Out! ', 'opt out'], ['Stop.', 'stop'], ['STOP', 'stop'], ['  stop  ', 'stop'], ['Stop 🛑', 'stop'], ['🛑STOP🛑', 'stop'],
    ['opt_out', 'opt out'], ['Stop   all', 'stop all'], ['"unsubscribe"', 'unsubscribe'], ['ＳＴＯＰ', 'stop'], ['\tEnd\n', 'end'],
    ['STOP!!!', 'stop'], ['...quit...', 'quit'], ['Cancel?', 'cancel'],
  ])('%j → %j', (body, expected) => expect(normalizeBody(body)).toBe(expected));
});

describe('sms-ops classification', () => {
  it.each([
    ['STOP', 'opt-out'], ['stop', 'opt-out'], ['Stop.', 'opt-out'], ['OPT OUT', 'opt-out'], ['Opt-Out!', 'opt-out'], ['optout', 'opt-out'],
    ['stopall', 'opt-out'], ['STOP ALL', 'opt-out'], ['Unsubscribe', 'opt-out'], ['cancel', 'opt-out'], ['END', 'opt-out'],
    ['quit', 'opt-out'], ['REVOKE', 'opt-out'], ['revoke.', 'opt-out'], ['Stop 🙏', 'opt-out'],
    ['START', 'opt-in'], ['Yes', 'opt-in'], ['unstop', 'opt-in'], ['Start!', 'opt-in'],
    ['HELP', 'help'], ['info', 'help'], ['Help?', 'help'],
    ['Please stop texting me, I moved away', 'possible-revocation'], ['take me off this list please', 'possible-revocation'],
    ['Remove me', 'possible-revocation'], ["don't text me again", 'possible-revocation'], ['Don’t text me', 'possible-revocation'],
    ['do not text this number', 'possible-revocation'], ['no more texts thanks', 'possible-revocation'], ['unsubscribe me', 'possible-revocation'],
    ['STOP PLEASE', 'possible-revocation'], ['please stop', 'possible-revocation'], ['Wrong number', 'possible-revocation'],
    ['opt me out', 'possible-revocation'], ['stop messaging me', 'possible-revocation'],
    ['we have to stop the bus at 5', 'reply'], ['Can I bring a friend?', 'reply'], ['Thanks! See you Friday', 'reply'],
    ['What time does it end?', 'reply'], ['The endgame is near', 'reply'], ['I will start bringing snacks', 'reply'],
    ['stopping by later', 'reply'], ['yes please, count me in', 'reply'], ['', 'reply'], ['🙂', 'reply'], ['Help me find the hall', 'reply'],
    ['Do not stop the music', 'reply'], ['cancel my Thursday ride please', 'reply'],
  ])('%j is %s', (body, kind) => expect(classifyBody(body).kind).toBe(kind));

  it('revocations: "auto" turns free-text revocations into opt-outs', () => {
    expect(classifyBody('please stop texting me', { ...DEFAULT_POLICY, revocations: 'auto' })).toEqual({ kind: 'opt-out', keyword: 'stop texting' });
  });

  it('a provider OptOutType wins over the text', () => {
    expect(classifyInbound('Arrêt', 'STOP').kind).toBe('opt-out');
    expect(classifyInbound('STOP', 'START').kind).toBe('opt-in');
    expect(classifyInbound('whatever', 'HELP').kind).toBe('help');
    expect(classifyInbound('STOP', null).kind).toBe('opt-out');
  });
});

describe("what Twilio's own filter would do", () => {
  it.each([
    ['STOP', AFTER, 'opt-out'], [' stop ', AFTER, 'opt-out'], ['Stop.', AFTER, 'none'], ['STOP!', AFTER, 'none'], ['OPT OUT', AFTER, 'none'],
    ['OPTOUT', AFTER, 'opt-out'], ['OPTOUT', BEFORE, 'none'], ['REVOKE', AFTER, 'opt-out'], ['revoke', BEFORE, 'none'],
    ['stop all', AFTER, 'none'], ['STOPALL', AFTER, 'opt-out'], ['STOP PLEASE', AFTER, 'none'], ['start', AFTER, 'opt-in'],
    ['UNSTOP', AFTER, 'opt-in'], ['yes', AFTER, 'opt-in'], ['INFO', AFTER, 'help'], ['help me', AFTER, 'none'],
    ['Please stop texting me', AFTER, 'none'], ['quit', BEFORE, 'opt-out'],
  ])('%j at %s → %s', (body, at, expected) => expect(twilioFilter(body, at as number)).toBe(expected));

  it('REVOKE and OPTOUT count from 2025-05-14 00:00 UTC exactly', () => {
    expect(twilioFilter('REVOKE', Date.UTC(2025, 4, 14))).toBe('opt-out');
    expect(twilioFilter('REVOKE', Date.UTC(2025, 4, 14) - 1)).toBe('none');
  });

  it('an OptOutType on the event means Twilio acted as it says', () => {
    expect(twilioFilter('Stop.', AFTER, 'STOP')).toBe('opt-out');
  });
});
