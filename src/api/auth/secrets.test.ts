import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  hashPassword,
  hashSecret,
  looksLikeToken,
  newSessionId,
  newToken,
  SCRYPT_PARAMS,
  verifyPassword,
} from './secrets.ts'

describe('passwords', () => {
  test('hash with scrypt under a fresh salt and verify only the same password', async () => {
    const a = await hashPassword('пароль-очень-длинный')
    const b = await hashPassword('пароль-очень-длинный')
    assert.match(a, new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$[\\w-]{22}\\$[\\w-]{43}$`))
    assert.notEqual(a, b, 'a salt per hash')
    assert.equal(await verifyPassword('пароль-очень-длинный', a), true)
    assert.equal(await verifyPassword('пароль-очень-длинныи', a), false)
    // The same text in another Unicode normal form is the same password.
    assert.equal(
      await verifyPassword(
        'café-crème-brûlée'.normalize('NFD'),
        await hashPassword('café-crème-brûlée'),
      ),
      true,
    )
  })

  test('refuse short passwords and never accept a malformed or missing hash', async () => {
    await assert.rejects(hashPassword('short'), { code: 'invalid_input' })
    assert.equal(await verifyPassword('anything-long', null), false)
    assert.equal(await verifyPassword('anything-long', 'plain'), false)
    assert.equal(await verifyPassword('anything-long', 'scrypt$1073741824$8$1$AAAA$AAAA'), false)
  })
})

describe('tokens and sessions', () => {
  test('are 32 random bytes, recognisable, and stored as SHA-256', () => {
    const token = newToken()
    assert.ok(looksLikeToken(token))
    assert.equal(Buffer.from(token.slice(4), 'base64url').length, 32)
    assert.notEqual(newToken(), token)
    assert.equal(Buffer.from(newSessionId(), 'base64url').length, 32)
    assert.match(hashSecret(token), /^[0-9a-f]{64}$/)
    assert.equal(looksLikeToken(`${token}x`), false)
    assert.equal(looksLikeToken('tgu_short'), false)
  })
})
