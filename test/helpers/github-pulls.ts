/** The pull requests of the loopback GitHub API: their seeds and the shape api.github.com gives them. */
/** An open pull request; its head lives in `headRepo` ("owner/name", default this repository: not a fork). */
export type SeedPull = {
  number: number;
  headSha: string;
  baseSha: string;
  headRef?: string;
  headRepo?: string;
};

/** The fields of GET /repos/{o}/{r}/pulls/{n} an action reads, shaped as api.github.com sends them. */
export interface PullRequest {
  id: number;
  number: number;
  state: 'open';
  title: string;
  url: string;
  html_url: string;
  user: { login: string; type: 'User' };
  head: { label: string; ref: string; sha: string; repo: { full_name: string; fork: boolean } };
  base: { label: string; ref: string; sha: string; repo: { full_name: string; fork: boolean } };
}

/** A pull request as GET /repos/{o}/{r}/pulls/{n} returns it, from its seed. */
export function createPull(owner: string, repo: string, seed: SeedPull): PullRequest {
  const full = `${owner}/${repo}`;
  const headRepo = seed.headRepo ?? full;
  const headRef = seed.headRef ?? `feature-${seed.number}`;
  const side = (repo: string, ref: string, sha: string) => ({
    label: `${repo.split('/')[0] ?? repo}:${ref}`,
    ref,
    sha,
    repo: { full_name: repo, fork: repo !== full },
  });
  return {
    id: 2000000 + seed.number,
    number: seed.number,
    state: 'open',
    title: `Pull request ${seed.number}`,
    url: `https://api.github.com/repos/${full}/pulls/${seed.number}`,
    html_url: `https://github.com/${full}/pull/${seed.number}`,
    user: { login: 'octocat', type: 'User' },
    head: side(headRepo, headRef, seed.headSha),
    base: side(full, 'main', seed.baseSha),
  };
}
