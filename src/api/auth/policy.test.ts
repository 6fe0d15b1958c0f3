import assert from 'node:assert/strict'
import { test } from 'node:test'
import { accessFor, matchRoute } from './policy.ts'

test('matches a request to its documented route, literal routes first', () => {
  assert.deepEqual(matchRoute('POST', '/api/entities/merge'), {
    route: '/api/entities/merge',
    params: {},
  })
  assert.deepEqual(matchRoute('POST', '/api/entities/42/split'), {
    route: '/api/entities/:id/split',
    params: { id: '42' },
  })
  assert.deepEqual(matchRoute('HEAD', '/api/documents/a%20b'), {
    route: '/api/documents/:id',
    params: { id: 'a b' },
  })
  assert.deepEqual(matchRoute('GET', '/api/nothing'), { route: '/api/nothing', params: {} })
})

test('reads need a viewer, writes an analyst, management an admin; unknown writes need an analyst', () => {
  assert.equal(accessFor('GET', '/api/search'), 'viewer')
  assert.equal(accessFor('POST', '/api/screen'), 'viewer')
  assert.equal(accessFor('POST', '/api/entities/merge'), 'analyst')
  assert.equal(accessFor('PUT', '/api/anything-new'), 'analyst')
  assert.equal(accessFor('GET', '/api/users'), 'admin')
  assert.equal(accessFor('DELETE', '/api/tokens/:id'), 'admin')
  assert.equal(accessFor('GET', '/api/audit'), 'admin')
  assert.equal(accessFor('GET', '/api/usersx'), 'viewer', 'a prefix is a whole path segment')
  assert.equal(accessFor('GET', '/api/health'), 'public')
  assert.equal(accessFor('POST', '/api/health'), 'analyst')
})
