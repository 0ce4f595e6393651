// How a notice names its recipient (To:, the calendar's attendees, who was told): the unit once,
// then the person. Each row is a unit and a contact as a county's roster writes them.
import { describe, expect, it } from 'vitest';
import { recipientName } from '../../../functions/core/notices/recipient-name.ts';
import { unitRecipients } from '../../../functions/core/notices/recipients.ts';
import { countyView } from '../../../functions/core/series/county-view.ts';
import { config } from '../../support/planning-fixtures.ts';

describe('recipientName', () => {
  it.each([
    // A title after the unit's own name: the unit said once.
    ['警察局 婦幼警察隊', '婦幼警察隊 隊長（待填）', '警察局 婦幼警察隊 隊長（待填）'],
    ['社區心理衛生中心', '社區心理衛生中心 主任（待填）', '社區心理衛生中心 主任（待填）'],
    ['社會局 兒少保護科', '兒少保護科 承辦人（待填）', '社會局 兒少保護科 承辦人（待填）'],
    ['各鄉鎮市衛生所 公衛護理師', '公衛護理師 代表（待填）', '各鄉鎮市衛生所 公衛護理師 代表（待填）'],
    // The unit's note in brackets is not part of its name.
    ['社會局 社會救助科（單一窗口）', '社會救助科 科長（待填）', '社會局 社會救助科（單一窗口） 科長（待填）'],
    // The end of the unit's name, or the usual short form of it.
    ['嘉義就業中心', '就業中心 督導（待填）', '嘉義就業中心 督導（待填）'],
    ['勞動部勞動力發展署雲嘉南分署', '雲嘉南分署 聯繫窗口（待填）', '勞動部勞動力發展署雲嘉南分署 聯繫窗口（待填）'],
    ['少年輔導委員會', '少輔會 總幹事（待填）', '少年輔導委員會 總幹事（待填）'],
    ['勞工及青年事務處', '勞青處 承辦科長（待填）', '勞工及青年事務處 承辦科長（待填）'],
    ['教育處 學生事務及特殊教育科', '學生事務科 科長（待填）', '教育處 學生事務及特殊教育科 科長（待填）'],
    // A title and a person after the label: both kept.
    ['警察局 婦幼警察隊', '婦幼警察隊 副隊長 王小明', '警察局 婦幼警察隊 副隊長 王小明'],
    // Named exactly as the unit's last word: the unit and its note.
    ['少輔會 外聘督導', '外聘督導（待填）', '少輔會 外聘督導（待填）'],
    // Everything else is the person's own, after the unit.
    ['警察局 婦幼警察隊', '王小明', '警察局 婦幼警察隊 王小明'],
    ['警察局 婦幼警察隊', '王 小明', '警察局 婦幼警察隊 王 小明'],
    ['嘉義縣政府 秘書長室', '秘書長（待填）', '嘉義縣政府 秘書長室 秘書長（待填）'],
    ['嘉義縣政府 秘書長室', '秘書長 王大明', '嘉義縣政府 秘書長室 秘書長 王大明'],
    ['在地評估小組委員', '幼兒教育委員（待填）', '在地評估小組委員 幼兒教育委員（待填）'],
    ['民間兒少福利團體（待填）', '民間團體代表（待填）', '民間兒少福利團體（待填） 民間團體代表（待填）'],
    ['外聘專家委員（精神科醫師、心理師、社工師）', '精神科醫師（待填）', '外聘專家委員（精神科醫師、心理師、社工師） 精神科醫師（待填）'],
  ])('%s + %s → %s', (unit, contact, expected) => {
    expect(recipientName(unit, contact)).toBe(expected);
  });

  it('names no configured contact with a word of its unit twice in a row', () => {
    for (const unit of config.units)
      for (const recipient of unitRecipients(config, unit.id)) {
        const words = recipient.name.split(' ');
        expect(
          words.some((word, i) => i > 0 && word.replace(/（[^（）]*）$/, '') === words[i - 1]),
          recipient.name,
        ).toBe(false);
      }
  });

  it('is the name the notices and the county view give the same contact', () => {
    const view = countyView(config);
    for (const unit of config.units)
      for (const recipient of unitRecipients(config, unit.id))
        expect(view.unitRecipients(unit.id).find((r) => r.contactId === recipient.contactId)?.name).toBe(recipient.name);
    expect(unitRecipients(config, 'police-women-children').find((r) => r.contactId === 'police-wc-leader')?.name).toBe(
      '警察局 婦幼警察隊 隊長（待填）',
    );
  });
});
