// Light progressive enhancement; every page works without it.
// Forms with data-confirm ask before they are sent (officers' actions, appeals, sign-out of work).
document.addEventListener('submit', (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
