import assert from 'node:assert/strict'
import { test } from 'node:test'
import { migrateToLatest, openDatabase } from './database.ts'
import { createStoryRepository, type StoryLink, type StorySignature } from './story-repository.ts'

const signature = (n: number): StorySignature => ({
  exactHash: `h${n}`,
  minhash: new Uint32Array([n, n + 1, n + 2]),
  shingles: 12,
  sentences: [n],
})
const link = (
  storyId: string,
  merged: string[] = [],
  matchOf: string | null = null,
): StoryLink => ({
  storyId,
  matchOf,
  kind: matchOf ? 'near' : 'new',
  similarity: matchOf ? 0.7 : 0,
  merged,
})

// a and b start stories A and B; c joins A and merges B into it; d starts D.
const LINKS = [
  { docId: 'a', link: link('A'), signature: signature(1) },
  { docId: 'b', link: link('B'), signature: signature(2) },
  { docId: 'c', link: link('A', ['B'], 'a'), signature: signature(3) },
  { docId: 'd', link: link('D'), signature: signature(4) },
]

async function storedLinks(save: 'one by one' | 'at once') {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null })
  try {
    await migrateToLatest(handle.db)
    const stories = createStoryRepository(handle.db)
    if (save === 'at once') await stories.saveMany(LINKS)
    else for (const l of LINKS) await stories.save(l.docId, l.link, l.signature)
    const rows = await stories.loadSignatures()
    return {
      stories: rows.map((r) => `${r.docId}:${r.storyId}`).sort(),
      members: await stories.members('A'),
      minhash: [...(rows.find((r) => r.docId === 'c')?.signature.minhash ?? [])],
    }
  } finally {
    await handle.close()
  }
}

test('saving a slice of story links at once stores what saving them one by one does', async () => {
  const atOnce = await storedLinks('at once')

  assert.deepEqual(atOnce, await storedLinks('one by one'))
  assert.deepEqual(atOnce.stories, ['a:A', 'b:A', 'c:A', 'd:D'])
  assert.deepEqual(atOnce.minhash, [3, 4, 5])
})
