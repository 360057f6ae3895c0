// Runs inside `firebase emulators:exec` for `npm start`: seeds the demo chain, prints how to get in,
// and keeps the emulators up until Ctrl-C.
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo/seed.mjs';

await seedDemo();
const line = '─'.repeat(64);
console.log(`\n${line}
  regulars is running on the local emulators.

  Web client:   http://127.0.0.1:5000
  Sign in as:   ${DEMO_ACCOUNTS.owner.email}   password: ${DEMO_PASSWORD}   (owner)
                ${DEMO_ACCOUNTS.manager.email} (manager), ${DEMO_ACCOUNTS.staff.email} (staff), same password
  Emails:       ${process.env.REGULARS_MAIL_CAPTURE ?? 'http://127.0.0.1:9025'}   (what SendGrid would have sent: captured locally)

  Stop with Ctrl-C (data is kept in .emulators/data for the next start).
${line}\n`);

// Stay up until the developer stops the session, or until firebase-tools is gone (then we are
// an orphan: our parent process id becomes another's).
const parent = process.ppid;
await new Promise((resolve) => {
  process.on('SIGINT', resolve);
  process.on('SIGTERM', resolve);
  const watch = setInterval(() => {
    if (process.ppid !== parent) resolve();
  }, 1000);
  process.on('exit', () => clearInterval(watch));
});
process.exit(0);
