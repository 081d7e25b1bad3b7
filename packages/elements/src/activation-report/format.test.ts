import { expect } from '@open-wc/testing';
import { criterionValue, csvCell, duration, ms, pct } from './format.js';

describe('activation report formatting', () => {
  it('quotes CSV cells per RFC 4180 and defuses spreadsheet formulas from roster names', () => {
    expect(csvCell('Sales, EMEA')).to.equal('"Sales, EMEA"');
    expect(csvCell('say "hi"')).to.equal('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).to.equal(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).to.equal("'+1");
    expect(csvCell(-1)).to.equal('-1');
    expect(csvCell(null)).to.equal('');
  });

  it('says durations and rates the way people read them, and a dash for no value', () => {
    expect(duration(0.5)).to.equal('30 min');
    expect(duration(5.25)).to.equal('5.3 h');
    expect(duration(78)).to.equal('3.3 days');
    expect(duration(null)).to.equal('—');
    expect(pct(0.37666)).to.equal('37.7 %');
    expect(pct(null)).to.equal('—');
    expect(ms(849.6)).to.equal('850 ms');
    expect(ms(2449)).to.equal('2.4 s');
    expect(criterionValue('turnP95Ms', 1500)).to.equal('1.5 s');
    expect(ms(null)).to.equal('—');
  });
});
