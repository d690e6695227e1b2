import type { Case } from '@desk/shared';
import { useSessionStore } from '../auth/sessionStore';
import { formatTime } from '../../lib/format';

/**
 * The photos the parent sent for this case. Clinicians see each image, fetched from the
 * authenticated route (staff session, `no-store`: the browser keeps no copy after sign-out);
 * a supervisor is told that photos exist, never shown them.
 */
export function CasePhotos({ caseRecord }: { caseRecord: Case }) {
  const role = useSessionStore((s) => s.session?.user.role ?? null);
  const { photos } = caseRecord;
  if (!photos.length) return null;
  return (
    <section className="desk-photos" aria-labelledby="case-photos-heading">
      <h2 id="case-photos-heading" className="nhsuk-heading-m">
        Photos
      </h2>
      {role === 'clinician' ? (
        <ul className="nhsuk-list desk-photos__list">
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <figure className="desk-photos__figure">
                <img
                  data-testid="case-photo"
                  src={photo.url}
                  alt={`Photo ${index + 1} sent by the parent at ${formatTime(photo.createdAt)}`}
                  width={photo.width}
                  height={photo.height}
                  className="desk-photos__image"
                />
                <figcaption className="nhsuk-body-s">
                  Photo {index + 1}, sent by the parent at {formatTime(photo.createdAt)} ({photo.width} × {photo.height}). Metadata removed.
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      ) : (
        <p className="nhsuk-body" data-testid="case-photo-count">
          {photos.length === 1 ? '1 photo' : `${photos.length} photos`} sent by the parent. Only clinicians can see photos.
        </p>
      )}
    </section>
  );
}
