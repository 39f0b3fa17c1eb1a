import { describe, expect, it } from 'vitest';

import { changedMembers, memberFieldPlace, NEW_MEMBER, type Member } from './members';

const member = (id: string, relation: Member['relation'], id_number: string): Member => ({
  id,
  name: `成员${id}`,
  id_number,
  birth_date: '1980-01-01',
  sex: 'male',
  relation,
  resident: true,
  health: 'healthy',
  labour_ability: 'able',
  employment: 'farming',
});

const whole = [
  member('a', 'head', '331126198001011234'),
  member('b', 'spouse', '331126198202022345'),
];

describe('one member changed, the others sent as they are', () => {
  it('a new member is appended with the ID number typed (spaces out, x upper-cased)', () => {
    const members = changedMembers(whole, {
      index: null,
      form: { ...NEW_MEMBER, name: ' 吴小明 ', id_number: '33112620100303 345x' },
    });
    expect(members).toHaveLength(3);
    expect(members[2]).toMatchObject({
      name: '吴小明',
      id_number: '33112620100303345X',
      relation: 'child',
    });
    expect(members[2]).not.toHaveProperty('id');
    expect(members[0]).toMatchObject({ id: 'a', id_number: '331126198001011234' });
  });

  it('a change keeps the member id, and a blank ID number keeps the one on file', () => {
    const members = changedMembers(whole, {
      index: 1,
      form: {
        ...NEW_MEMBER,
        name: '李秀兰',
        relation: 'spouse',
        health: 'disabled',
        id_number: '',
      },
    });
    expect(members[1]).toEqual({
      ...whole[1],
      birth_date: undefined,
      sex: undefined,
      name: '李秀兰',
      health: 'disabled',
    } as unknown as Member);
  });

  it('a removal leaves the member out', () => {
    expect(changedMembers(whole, { remove: 'b' }).map((m) => m.id)).toEqual(['a']);
  });

  it("the server's errors about this member go to the form's fields; the one-head rule to the relation", () => {
    const place = memberFieldPlace(1);
    expect(place('members.1.id_number')).toEqual(['id_number']);
    expect(place('members.0.id_number')).toBeNull();
    expect(place('members')).toEqual(['relation']);
    expect(place('address')).toBeNull();
  });
});
