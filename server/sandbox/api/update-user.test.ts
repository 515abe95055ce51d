import { describe, expect, it } from 'vitest'
import { bearer, getJson, postJson, useSandbox } from '../../testing/api-calls.ts'

interface UserView {
  id: string
  properties: Record<string, string | number | boolean>
  updatedAt: string
}

const sandbox = useSandbox()
const update = (body: unknown) => postJson(`${sandbox.url}/api/v1/update_user`, body, bearer())
const storedUser = (id: string) => getJson<UserView>(`${sandbox.url}/__sandbox/users/${id}`)

describe('POST /api/v1/update_user in the sandbox', () => {
  it('stores the properties on every listed user', async () => {
    const answer = await update({
      userIds: ['0012345', '777'],
      userProperties: {
        favourite_team: 'Rovers',
        loyalty_points: 1200,
        season_ticket_holder: true,
      },
    })

    expect(answer.status).toBe(200)
    expect(answer.body.messages).toEqual(['Successfully updated user properties for 2 users'])
    for (const id of ['0012345', '777']) {
      const user = await storedUser(id)
      expect(user.body.properties).toEqual({
        favourite_team: 'Rovers',
        loyalty_points: 1200,
        season_ticket_holder: true,
      })
    }
  })

  it('merges into what a user already has', async () => {
    await update({
      userIds: ['1'],
      userProperties: { favourite_team: 'Rovers', vip_level: 'gold' },
    })
    await update({ userIds: ['1'], userProperties: { vip_level: 'platinum', home_city: 'Leeds' } })

    const user = await storedUser('1')
    expect(user.body.properties).toEqual({
      favourite_team: 'Rovers',
      vip_level: 'platinum',
      home_city: 'Leeds',
    })
  })

  it('truncates values over 36 characters and says so', async () => {
    const answer = await update({
      userIds: ['1'],
      userProperties: { membership_tier: 'Gold Plus Family Membership With Parking Pass' },
    })

    expect(answer.body.messages).toEqual([
      'Successfully updated user properties for 1 users',
      'Truncated the value of membership_tier to 36 characters.',
    ])
    const user = await storedUser('1')
    expect(user.body.properties.membership_tier).toBe('Gold Plus Family Membership With Par')
  })

  it('ignores reserved, unregistered and over-long keys with a warning each', async () => {
    const answer = await update({
      userIds: ['1'],
      userProperties: {
        user_id: 'x',
        first_open_time: '1',
        ga_session: '1',
        Google_ads: '1',
        firebase_token: '1',
        favourite_colour: 'red',
        favourite_team_since_childhood: 'yes',
        vip_level: 'gold',
      },
    })

    expect(answer.status).toBe(200)
    expect(answer.body.messages).toEqual([
      'Successfully updated user properties for 1 users',
      'Ignored reserved property user_id.',
      'Ignored reserved property first_open_time.',
      'Ignored reserved property ga_session.',
      'Ignored reserved property Google_ads.',
      'Ignored reserved property firebase_token.',
      'Ignored property favourite_colour: it is not registered in the FanReach Portal.',
      'Ignored property favourite_team_since_childhood: property names are limited to 24 characters.',
    ])
    const user = await storedUser('1')
    expect(user.body.properties).toEqual({ vip_level: 'gold' })
  })

  it('answers 200 but stores nothing when every key is ignored', async () => {
    const answer = await update({ userIds: ['9'], userProperties: { user_id: '9' } })

    expect(answer.status).toBe(200)
    expect(answer.body.messages).toEqual([
      'Successfully updated user properties for 1 users',
      'Ignored reserved property user_id.',
    ])
    expect((await fetch(`${sandbox.url}/__sandbox/users/9`)).status).toBe(404)
  })

  it.each([
    [
      ['0012345'],
      'The request body must be a JSON object with userIds and userProperties, but it is a list.',
    ],
    [{}, 'Missing required fields: userIds, userProperties'],
    [{ userProperties: {} }, 'Missing required fields: userIds, userProperties'],
    [{ userIds: [], userProperties: { vip_level: 'gold' } }, 'Missing required fields: userIds'],
    [{ userIds: ['1'] }, 'Missing required fields: userProperties'],
  ])('names exactly the missing fields for %j', async (body, sentence) => {
    const answer = await update(body)
    expect(answer.status).toBe(400)
    expect(answer.body.errors).toEqual([sentence])
  })

  it.each([
    [{ userIds: [1] }, 'userIds must contain only text values in quotes'],
    [{ userProperties: ['vip_level'] }, 'userProperties must be an object of name-value pairs'],
    [
      { userProperties: { vip_level: { tier: 1 } } },
      'The value of vip_level must be text, a number or true/false, but it is an object.',
    ],
    [
      { userProperties: { vip_level: null } },
      'The value of vip_level must be text, a number or true/false, but it is null.',
    ],
    [
      { userProperties: { vip_level: [1] } },
      'The value of vip_level must be text, a number or true/false, but it is a list.',
    ],
  ])('rejects %j with a sentence and stores nothing', async (override, sentence) => {
    const answer = await update({
      userIds: ['1'],
      userProperties: { home_city: 'Leeds' },
      ...override,
    })

    expect(answer.status).toBe(400)
    expect(answer.body.errors).toHaveLength(1)
    expect(answer.body.errors[0]).toContain(sentence)
    expect((await fetch(`${sandbox.url}/__sandbox/users/1`)).status).toBe(404)
  })

  it('answers malformed JSON with 400 and a sentence', async () => {
    const answer = await update('{"userIds": ["1"],}')
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0]).toMatch(/^The request body is not valid JSON/)
  })
})
