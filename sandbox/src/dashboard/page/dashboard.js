// The sandbox dashboard: everything comes from the JSON API under /dashboard/api; values are
// put into the page as text only, never as HTML.
'use strict';

// pinned: a job was clicked; until then the newest job is shown.
const state = { selected: null, pinned: false, reveal: false, loading: false, again: false };
const $ = (id) => document.getElementById(id);
const OUTCOMES = ['approve', 'reject', 'provisional']; // sandbox_result 0, 1, 2

// Keeps the token out of the address bar (and of screenshots): the cookie set with the page
// authorises the page's own requests.
if (location.search.includes('token=')) history.replaceState(null, '', location.pathname);

async function api(path, options = {}) {
  const response = await fetch(`/dashboard/api${path}`, { credentials: 'same-origin', ...options });
  const isJson = (response.headers.get('content-type') || '').includes('application/json');
  if (!response.ok) {
    const body = isJson ? await response.json().catch(() => null) : null;
    throw new Error(body && body.error ? body.error : `HTTP ${response.status}`);
  }
  return isJson ? response.json() : response;
}

const post = (path, body) => api(path, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function showError(error) {
  $('error-text').textContent = error instanceof Error ? error.message : String(error);
  $('error').hidden = false;
}

// el('td', {class: 'x'}, 'text', childNode, ...): a node with text or node children.
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const time = (ms) => new Date(ms).toISOString().slice(11, 23);
const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const json = (value) => el('pre', {}, text(value));
const hint = (message) => el('p', { class: 'hint' }, message);
const stateBadge = (job) => el('span', { class: 'badge state' }, job.state.replace('_', ' '));
const verdict = (result) => result
  && el('span', { class: `badge verdict ${result.verdict}` }, `${result.code} ${result.verdict}`);

function keyValues(object) {
  return el('table', {}, Object.entries(object || {}).map(([key, value]) =>
    el('tr', {}, el('th', {}, key), el('td', {}, text(value)))));
}

function button(id, label, onClick) {
  const node = el('button', { type: 'button', id }, label);
  node.addEventListener('click', onClick);
  return node;
}

function renderList(jobs) {
  $('no-jobs').hidden = jobs.length > 0;
  $('jobs').replaceChildren(...jobs.map((job) => {
    const item = el('li', { 'data-id': job.smile_job_id },
      el('div', {},
        el('strong', {}, job.job_type_name), ' ', verdict(job.result) || stateBadge(job)),
      el('div', { class: 'sub' }, `${job.smile_job_id} · user ${job.user_id}`));
    if (job.smile_job_id === state.selected) item.classList.add('selected');
    item.addEventListener('click', () => {
      state.selected = job.smile_job_id;
      state.pinned = true;
      refresh();
    });
    return item;
  }));
}

const section = (title, ...content) => el('section', {}, el('h3', {}, title), ...content);

function images(job) {
  if (!job.images.length) return hint(job.upload_problem || 'no upload yet');
  return el('div', { class: 'thumbs' }, job.images.map((image) => el('figure', {},
    el('img', {
      class: 'thumb', src: image.url, alt: `${image.role} ${image.name}`, 'data-role': image.role,
    }),
    el('figcaption', {}, image.role))));
}

function requests(job) {
  const more = job.requests_not_recorded;
  return el('div', { id: 'requests' }, job.requests.map((r) => el('details', {},
    el('summary', {},
      `${time(r.at_ms)} ${r.method} ${r.path} → ${r.status} in ${r.duration_ms.toFixed(1)} ms`),
    el('div', {}, 'request'), json(r.request),
    el('div', {}, 'response'), json(r.response))),
  more ? hint(`${more} later requests counted, not recorded`) : null);
}

function callbacks(job) {
  if (!job.callback_url) return hint('no callback URL');
  const header = ['attempt', 'time', 'URL', 'HTTP status', 'error', 'ms'];
  return el('table', { id: 'callbacks' },
    el('tr', {}, header.map((h) => el('th', {}, h))),
    job.callbacks.map((c) => el('tr', {},
      el('td', {}, c.attempt),
      el('td', {}, time(c.at_ms)),
      el('td', {}, c.url),
      el('td', { class: 'callback-status' }, c.status ?? 'none'),
      el('td', {}, c.error ?? ''),
      el('td', {}, c.duration_ms.toFixed(1)))));
}

function renderDetail(job) {
  const id = job.smile_job_id;
  const reveal = el('input', { type: 'checkbox', id: 'reveal' });
  reveal.checked = state.reveal;
  reveal.addEventListener('change', () => { state.reveal = reveal.checked; refresh(); });
  const user = `/users/${encodeURIComponent(job.user_id)}`
    + `?partner_id=${encodeURIComponent(job.partner_id)}`;
  const result = job.result;
  $('detail').replaceChildren(
    el('h2', {}, `${job.job_type_name} (job type ${job.job_type}) · ${id}`),
    el('p', {}, 'State: ', stateBadge(job), ' ', verdict(result), result ? ` ${result.text}` : '',
      ` · created ${job.created_at}`),
    el('div', { class: 'actions' },
      button('export', 'Export zip', () => exportJob(id)),
      button('delete-job', 'Delete job', () => remove(`/jobs/${id}`)),
      button('delete-user', `Delete user ${job.user_id}`, () => remove(user)),
      el('label', {}, reveal, ' Show personal data')),
    section('Partner params', keyValues(job.partner_params)),
    section('ID info', job.id_info ? keyValues(job.id_info) : hint('none')),
    section('Images', images(job)),
    section('Result', job.result_object ? json(job.result_object) : hint('not complete yet')),
    section(`Requests (${job.requests.length})`, requests(job)),
    section('Callbacks', callbacks(job)),
    section('info.json', job.info_json ? json(job.info_json) : hint('none')),
  );
}

async function exportJob(id) {
  try {
    const response = await api(`/jobs/${id}/export${state.reveal ? '?reveal=true' : ''}`);
    const url = URL.createObjectURL(await response.blob());
    el('a', { href: url, download: `smileid-job-${id}.zip` }).click();
    URL.revokeObjectURL(url);
  } catch (error) { showError(error); }
}

async function remove(path) {
  try {
    await api(path, { method: 'DELETE' });
    state.pinned = false;
    await refresh();
  } catch (error) { showError(error); }
}

async function refreshControls() {
  const [forced, faults] = await Promise.all([api('/forced'), api('/faults')]);
  $('forced').textContent = forced.forced.length
    ? 'pending: ' + forced.forced
      .map((f) => `${f.target} ${f.id} → ${OUTCOMES[Number(f.sandbox_result)]}`).join(', ')
    : '';
  $('faults-active').textContent = faults.active ? `active: ${faults.active}` : 'no faults';
  const select = $('fault-preset');
  if (!select.options.length) {
    select.replaceChildren(...faults.presets.map((p) =>
      el('option', { value: p.name, title: p.description }, `${p.name} (${p.description})`)));
  }
  if (faults.preset && document.activeElement !== select) select.value = faults.preset;
}

// Reloads the list, the selected job and the controls; a call during a reload runs once after.
async function refresh() {
  if (state.loading) { state.again = true; return; }
  state.loading = true;
  try {
    const { jobs } = await api('/jobs');
    if (!jobs.some((j) => j.smile_job_id === state.selected)) state.pinned = false;
    if (!state.pinned) state.selected = jobs.length ? jobs[0].smile_job_id : null;
    renderList(jobs);
    if (state.selected) {
      renderDetail(await api(`/jobs/${state.selected}${state.reveal ? '?reveal=true' : ''}`));
    } else {
      $('detail').replaceChildren(hint('No jobs.'));
    }
    await refreshControls();
  } catch (error) {
    showError(error);
  } finally {
    state.loading = false;
    if (state.again) { state.again = false; refresh(); }
  }
}

$('error-close').addEventListener('click', () => { $('error').hidden = true; });
$('force-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await post('/forced', {
      target: $('force-target').value,
      id: $('force-id').value.trim(),
      result: $('force-result').value,
    });
    $('error').hidden = true;
    await refreshControls();
  } catch (error) { showError(error); }
});
$('faults-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await post('/faults', { preset: $('fault-preset').value });
    await refreshControls();
  } catch (error) { showError(error); }
});

api('/info').then((info) => { $('partner').textContent = `partner ${info.partner_id}`; })
  .catch(showError);
const events = new EventSource('/dashboard/api/events');
events.addEventListener('change', refresh);
events.addEventListener('open', () => { $('live').textContent = 'live'; });
events.addEventListener('error', () => { $('live').textContent = 'reconnecting…'; });
refresh();
