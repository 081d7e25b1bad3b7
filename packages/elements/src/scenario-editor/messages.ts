/** The sentence shown beside a field for each kind of problem (validate.ts). */
import { msg, str } from '@lit/localize';
import type { Problem } from './validate.js';

export function problemMessage(p: Problem): string {
  switch (p.kind) {
    case 'required':
      return msg('Required.', { id: 'editor.required' });
    case 'tooLong':
      return p.line
        ? msg(str`Line ${p.line} is longer than ${p.limit} characters.`, { id: 'editor.lineTooLong' })
        : msg(str`At most ${p.limit} characters.`, { id: 'editor.tooLong' });
    case 'tooMany':
      return msg(str`At most ${p.limit} items.`, { id: 'editor.tooMany' });
    case 'range':
      return msg(str`A whole number from ${p.min} to ${p.limit}.`, { id: 'editor.range' });
    case 'pattern':
      return msg('Use letters, digits, - and _ only.', { id: 'editor.pattern' });
    case 'duplicate':
      return msg('Another criterion has this id.', { id: 'editor.duplicate' });
  }
}
