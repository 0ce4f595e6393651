// The county as it is now: the deployed configuration with the secretariat's roster changes. Every
// answer about who is invited comes from here, so an added contact counts everywhere at once and a
// removed one nowhere.
import { describe, expect, it } from 'vitest';
import { loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import { countyView } from '../../../functions/core/series/county-view.ts';
import type { RosterChange } from '../../../functions/core/series/roster.ts';

const config = loadCountyConfigFile();
const caseConference = 'child-protection-case-conference';
const at = '2026-03-09T01:00:00Z';
const added: RosterChange = {
  unitId: 'police-women-children',
  contact: { id: 'police-wc-deputy', name: '婦幼警察隊 副隊長', email: 'Deputy.Squad@example.org', placeholder: false },
  removed: false,
  updatedBy: 'test',
  updatedAt: at,
};
const removedOfficer = config.units.find((u) => u.id === 'social-child-protection')!.contacts.find((c) => c.id === 'social-cp-officer')!;
const removed: RosterChange = {
  unitId: 'social-child-protection',
  contact: removedOfficer,
  removed: true,
  updatedBy: 'test',
  updatedAt: at,
};

describe('the county view', () => {
  it('without roster changes is the configuration as deployed', () => {
    const view = countyView(config);
    expect(view.recipients(caseConference).map((r) => r.contactId)).toEqual(
      config.series
        .find((s) => s.id === caseConference)!
        .invitedUnitIds.flatMap((unitId) => config.units.find((u) => u.id === unitId)!.contacts.map((c) => c.id)),
    );
    expect(view.isInvited(caseConference, 'social-cp-officer')).toBe(true);
    expect(view.removed).toEqual([]);
  });

  it('invites a contact added to an invited unit, and names them as a notice does', () => {
    const view = countyView(config, [added]);
    expect(view.isInvited(caseConference, 'police-wc-deputy')).toBe(true);
    expect(view.invitee({ id: caseConference }, 'police-wc-deputy')).toEqual({
      contactId: 'police-wc-deputy',
      unitId: 'police-women-children',
      name: '警察局 婦幼警察隊 副隊長',
      email: 'Deputy.Squad@example.org',
    });
    expect(view.recipients(caseConference).map((r) => r.contactId)).toContain('police-wc-deputy');
    expect(view.unitOf('police-wc-deputy')?.id).toBe('police-women-children');
    // Addresses compare case-insensitively, with or without mailto:.
    expect(view.inviteesByAddress(caseConference, 'MAILTO:deputy.squad@EXAMPLE.org').map((r) => r.contactId)).toEqual(['police-wc-deputy']);
    expect(view.sameUnit('police-wc-deputy', 'police-wc-leader')).toBe(true);
    expect(view.sameUnit('police-wc-deputy', 'health-mh-chief')).toBe(false);
  });

  it('invites a removed contact nowhere, and keeps them as owed an uninvitation', () => {
    const view = countyView(config, [removed]);
    expect(view.isInvited(caseConference, 'social-cp-officer')).toBe(false);
    expect(view.recipients(caseConference).map((r) => r.contactId)).not.toContain('social-cp-officer');
    expect(view.inviteesByAddress(caseConference, removedOfficer.email)).toEqual([]);
    expect(view.unitOf('social-cp-officer')).toBeUndefined();
    expect(view.removed.map((r) => r.contact.id)).toEqual(['social-cp-officer']);
    // The rest of the unit stays invited.
    expect(view.isInvited(caseConference, 'social-cp-chief')).toBe(true);
  });

  it('invites a contact removed and added back', () => {
    const view = countyView(config, [{ ...removed, removed: false, updatedAt: '2026-03-10T01:00:00Z' }]);
    expect(view.isInvited(caseConference, 'social-cp-officer')).toBe(true);
    expect(view.removed).toEqual([]);
  });

  it('invites nobody from a unit the series does not invite, and knows no unknown series', () => {
    const view = countyView(config, [added]);
    expect(view.isInvited(caseConference, 'wda-liaison')).toBe(false);
    expect(view.isInvited('no-such-series', 'police-wc-leader')).toBe(false);
    expect(view.recipients('no-such-series')).toEqual([]);
  });

  it('names units and finds venues and series', () => {
    const view = countyView(config);
    expect(view.unitName('police-women-children')).toBe('警察局 婦幼警察隊');
    expect(view.unitName('gone-unit')).toBe('gone-unit');
    expect(view.venue('minxiong-center')?.address).toBe('嘉義縣民雄鄉江厝店29之4號');
    expect(view.findSeries(caseConference)?.name.zh).toBe('強化兒少保護跨網絡合作會議');
  });

  it('leaves the deployed configuration as it was', () => {
    const before = JSON.stringify(config);
    countyView(config, [added, removed]);
    expect(JSON.stringify(config)).toBe(before);
  });
});
