import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <>
      <title>Page not found – NHS 111 paediatric video desk</title>
      <h1 className="nhsuk-heading-l">Page not found</h1>
      <p className="nhsuk-body">If you typed the web address, check it is correct.</p>
      <p className="nhsuk-body">
        If you are a parent or carer with a video link, open the link from the text message again, or stay on the phone:
        the clinician can still help you.
      </p>
      <p className="nhsuk-body">
        <Link to="/">Go to the desk</Link>
      </p>
    </>
  );
}
