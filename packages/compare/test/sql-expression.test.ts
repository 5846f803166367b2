import { sqlExpressionKey } from '../src/sql-expression';

describe('sqlExpressionKey', () => {
  it.each([
    ['price >= 0', '(price>=0)'],
    ['PRICE >= 0', 'price >= 0'],
    ['"price" > 0', 'price > 0'],
    ['`price` > 0', '[price] > 0'],
    ["title <> 'a  b'", "(( title<>'a  b' ))"],
    ['a > 1.5', 'a > 1 . 5'],
    ['(a > 0) AND (b > 0)', '( a>0 )and( b>0 )'],
    ["x = 'it''s'", "X='it''s'"],
    ['length(name)>0', 'LENGTH ( name ) > 0'],
  ])('%j equals %j', (a, b) => {
    expect(sqlExpressionKey(a)).toBe(sqlExpressionKey(b));
  });

  it.each([
    ["title = 'A'", "title = 'a'"],
    ["title = 'a  b'", "title = 'a b'"],
    ['(a > 0) and (b > 0)', 'a > 0 and b > 0 and c'],
    ['"Weird Name" > 0', '"weird name" > 0'],
    ['a >= 0', 'a > 0'],
    ['not null', 'notnull'],
  ])('%j differs from %j', (a, b) => {
    expect(sqlExpressionKey(a)).not.toBe(sqlExpressionKey(b));
  });

  it('keeps the inner parentheses of "(a) and (b)"', () => {
    expect(sqlExpressionKey('(a > 0) and (b > 0)')).toBe('(a>0)and(b>0)');
  });

  it('renames identifiers outside string literals', () => {
    const rename = (n: string): string => (n === 'fullname' ? 'full_name' : n);
    expect(sqlExpressionKey("length(FullName) > 0 and kind <> 'fullname'", rename)).toBe(sqlExpressionKey("length(full_name)>0 AND kind<>'fullname'"));
  });
});
