/**
 * The law-check findings recorded with an agency's publications (`publication_check`), shown on the
 * public notice page and next to the publishing forms: "Đăng tải muộn N ngày làm việc", flags, and
 * (on forms) blocks, each with its citation.
 */
import type { Finding } from '../../compliance/law/index.ts';
import type { PublicationCheck } from '../../publishing/publish.ts';
import { KIND_VI, type PublicationKind } from '../../publishing/schemas.ts';
import { Heading, Time } from './components.tsx';

const UNIT_VI: Record<string, string> = {
  'working-day': 'ngày làm việc',
  day: 'ngày',
  hour: 'giờ',
  percent: '%',
  vnd: '₫',
};

/** "Đăng tải muộn 3 ngày làm việc" for a late check, else its message. */
export function checkTitle(c: Pick<PublicationCheck, 'effect' | 'shortBy' | 'unit' | 'messageVi'>): string {
  if (c.effect === 'late' && c.shortBy !== null) {
    return `Đăng tải muộn ${c.shortBy} ${UNIT_VI[c.unit ?? 'working-day'] ?? c.unit}`;
  }
  return 'Lưu ý tuân thủ';
}

/** The public section of a notice's recorded checks; nothing when there are none. */
export function PublicationChecksSection({ checks }: { checks: PublicationCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <section aria-labelledby="kiem-tra" class="publication-checks">
      <Heading
        level={2}
        id="kiem-tra"
        vi="Kiểm tra tuân thủ khi đăng tải"
        en="Compliance checks at publication"
      />
      <ul>
        {checks.map((c) => (
          <li>
            <strong>{checkTitle(c)}</strong> — {KIND_VI[c.kind as PublicationKind] ?? c.kind},{' '}
            <Time at={c.checkedAt} />. {c.messageVi} <cite>{c.citation}</cite>
            {c.confirmed ? null : <span class="muted"> (mức chưa được đối chiếu với văn bản gốc)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Findings of a check next to a form: blocks first, each with what, how much and the citation. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => (a.effect === b.effect ? 0 : a.effect === 'block' ? -1 : 1));
  return (
    <div class="findings" role="alert" aria-labelledby="ket-qua-kiem-tra">
      <h2 id="ket-qua-kiem-tra">Kết quả kiểm tra theo quy định đấu thầu</h2>
      <ul>
        {sorted.map((f) => (
          <li class={f.effect === 'block' ? 'finding-block' : 'finding-flag'}>
            <strong>{f.effect === 'block' ? 'Không được đăng' : 'Lưu ý'}</strong>: {f.messageVi}{' '}
            <cite>{f.citation}</cite> <span class="code">({f.ruleId})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
